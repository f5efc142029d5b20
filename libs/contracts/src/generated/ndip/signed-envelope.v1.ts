// Generated from schemas/ndip/signed-envelope.v1.avsc by `npm run schemas:types`. Do not edit.

/** An EDS-signed XML document between NDIP and the hub (NDIP §24, BPR §8). The envelope fields route and correlate; only the signed document is trusted, and the verifier checks that it repeats them. */
export interface SignedEnvelope {
  /** Unique per sender (UUID); the replay store rejects a second use. */
  messageId: string;
  /** For an answer: the messageId of the request it answers. */
  correlationId: null | string;
  /** Document type, e.g. KycRequest, KycResult, KycRefusal, ProjectEvent, ProjectStatus. */
  type: string;
  /** When the sender issued the message (ms since epoch, UTC). */
  issuedAt: number;
  /** BIN of the sending organisation; must match the signing certificate's BIN. */
  senderBin: string;
  /** The signed XML document (enveloped XMLDSig, Reference URI=""). */
  document: string;
}
