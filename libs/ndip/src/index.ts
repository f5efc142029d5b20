// NDIP gateway: signed envelopes, KYC requests and verdicts, the Kafka and SOAP doors (NDIP §3.25, §40.3).
export { NdipModule, NDIP_MIGRATIONS } from './ndip.module';
export { EDS_RUNTIME, ENVELOPE_VERIFIER } from './ndip.tokens';
export { EnvelopeVerifier, type EnvelopePolicy, type VerifiedEnvelope } from './envelope/envelope-verifier';
export { checkEnvelope, EnvelopeDefect, type SignedEnvelope } from './envelope/signed-envelope';
export { ExchangeRefusal, type Refusal, type RefusalCode } from './envelope/refusal-code';
export type { ReplayGuard } from './envelope/replay-guard';
export type { SignedMessageLog } from './envelope/signed-message-log';
export { KYC_NS } from './kyc/kyc-xml';
export { KYC_TYPES } from './kyc/kyc-exchange.service';
export { KYC_RULES_VERSION, KycReasonCode, KycVerdict, decideKyc, type KycDecision, type KycReason } from './kyc/kyc-verdict.rules';
export type { KycFindings } from './kyc/kyc-findings';
export { SHEP_SUCCESS } from './gateway/soap-door';
