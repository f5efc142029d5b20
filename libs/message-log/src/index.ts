// Tamper-evident log of every signed message in or out (SHA-256 hash chain), and the replay store.
export { MESSAGE_LOG_MIGRATIONS, MessageLogModule } from './message-log.module';
export { MessageLog, MessageLogEntryError, MessageLogError } from './message-log';
export type { ChainVerification, MessageLogEntry, MessageLogOptions } from './message-log';
export { PgReplayStore } from './pg-replay-store';
export type { PgReplayStoreOptions } from './pg-replay-store';
export {
  CHANNELS, DIRECTIONS, ENTRY_TAG, GENESIS_HASH, HASH_RECIPE_TEXT, HASH_RECIPE_VERSION, LINK_TAG,
  documentDigest, entryDigest, entryHash, linkHash,
} from './hash-chain';
export type { ChainFields, Channel, Direction } from './hash-chain';
export { PROOF_FORMAT, checkProof } from './proof';
export type { MessageLogProof, MessageLogRow, ProofCheck, ProofEntry, ProofLink } from './proof';
