export const KYC_EXCHANGE = Symbol('KYC_EXCHANGE');
export const EDS_RUNTIME = Symbol('EDS_RUNTIME');
export const ENVELOPE_VERIFIER = Symbol('ENVELOPE_VERIFIER');
export const SOAP_DOOR = Symbol('SOAP_DOOR');
export const SOAP_LIMITS = Symbol('SOAP_LIMITS');
