/* RFC 6960 structures: only what an OCSP client and the development responder need. */
import {

  AsnIntegerArrayBufferConverter,
  AsnProp,
  AsnPropTypes,
  AsnType,
  AsnTypeTypes,
  OctetString,
} from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate as AsnCertificate, Extension, Name } from '@peculiar/asn1-x509';

export const OCSP_OID = {
  basic: '1.3.6.1.5.5.7.48.1.1',
  nonce: '1.3.6.1.5.5.7.48.1.2',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
} as const;

export class CertID {
  @AsnProp({ type: AlgorithmIdentifier }) hashAlgorithm = new AlgorithmIdentifier();
  @AsnProp({ type: OctetString }) issuerNameHash = new OctetString();
  @AsnProp({ type: OctetString }) issuerKeyHash = new OctetString();
  @AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter }) serialNumber = new ArrayBuffer(0);
  constructor(p: Partial<CertID> = {}) {
    Object.assign(this, p);
  }
}

export class Request {
  @AsnProp({ type: CertID }) reqCert = new CertID();
  @AsnProp({ type: Extension, context: 0, repeated: 'sequence', optional: true }) singleRequestExtensions?: Extension[];
  constructor(p: Partial<Request> = {}) {
    Object.assign(this, p);
  }
}

export class TBSRequest {
  @AsnProp({ type: AsnPropTypes.Integer, context: 0, defaultValue: 0 }) version = 0;
  @AsnProp({ type: Request, repeated: 'sequence' }) requestList: Request[] = [];
  @AsnProp({ type: Extension, context: 2, repeated: 'sequence', optional: true }) requestExtensions?: Extension[];
  constructor(p: Partial<TBSRequest> = {}) {
    Object.assign(this, p);
  }
}

export class OCSPRequest {
  @AsnProp({ type: TBSRequest }) tbsRequest = new TBSRequest();
  constructor(p: Partial<OCSPRequest> = {}) {
    Object.assign(this, p);
  }
}

export class RevokedInfo {
  @AsnProp({ type: AsnPropTypes.GeneralizedTime }) revocationTime = new Date();
  @AsnProp({ type: AsnPropTypes.Enumerated, context: 0, optional: true }) revocationReason?: number;
  constructor(p: Partial<RevokedInfo> = {}) {
    Object.assign(this, p);
  }
}

@AsnType({ type: AsnTypeTypes.Choice })
export class CertStatus {
  @AsnProp({ type: AsnPropTypes.Null, context: 0, implicit: true }) good?: null;
  @AsnProp({ type: RevokedInfo, context: 1, implicit: true }) revoked?: RevokedInfo;
  @AsnProp({ type: AsnPropTypes.Null, context: 2, implicit: true }) unknown?: null;
  constructor(p: Partial<CertStatus> = {}) {
    Object.assign(this, p);
  }
}

export class SingleResponse {
  @AsnProp({ type: CertID }) certID = new CertID();
  @AsnProp({ type: CertStatus }) certStatus = new CertStatus();
  @AsnProp({ type: AsnPropTypes.GeneralizedTime }) thisUpdate = new Date();
  @AsnProp({ type: AsnPropTypes.GeneralizedTime, context: 0, optional: true }) nextUpdate?: Date;
  @AsnProp({ type: Extension, context: 1, repeated: 'sequence', optional: true }) singleExtensions?: Extension[];
  constructor(p: Partial<SingleResponse> = {}) {
    Object.assign(this, p);
  }
}

@AsnType({ type: AsnTypeTypes.Choice })
export class ResponderID {
  @AsnProp({ type: Name, context: 1 }) byName?: Name;
  @AsnProp({ type: OctetString, context: 2 }) byKey?: OctetString;
  constructor(p: Partial<ResponderID> = {}) {
    Object.assign(this, p);
  }
}

export class ResponseData {
  @AsnProp({ type: AsnPropTypes.Integer, context: 0, defaultValue: 0 }) version = 0;
  @AsnProp({ type: ResponderID }) responderID = new ResponderID();
  @AsnProp({ type: AsnPropTypes.GeneralizedTime }) producedAt = new Date();
  @AsnProp({ type: SingleResponse, repeated: 'sequence' }) responses: SingleResponse[] = [];
  @AsnProp({ type: Extension, context: 1, repeated: 'sequence', optional: true }) responseExtensions?: Extension[];
  constructor(p: Partial<ResponseData> = {}) {
    Object.assign(this, p);
  }
}

export class BasicOCSPResponse {
  // Kept raw: the signature covers the DER exactly as the responder sent it.
  @AsnProp({ type: ResponseData, raw: true }) tbsResponseData = new ResponseData();
  tbsResponseDataRaw?: ArrayBuffer;
  @AsnProp({ type: AlgorithmIdentifier }) signatureAlgorithm = new AlgorithmIdentifier();
  @AsnProp({ type: AsnPropTypes.BitString }) signature = new ArrayBuffer(0);
  @AsnProp({ type: AsnCertificate, context: 0, repeated: 'sequence', optional: true }) certs?: AsnCertificate[];
  constructor(p: Partial<BasicOCSPResponse> = {}) {
    Object.assign(this, p);
  }
}

export class ResponseBytes {
  @AsnProp({ type: AsnPropTypes.ObjectIdentifier }) responseType = '';
  @AsnProp({ type: OctetString }) response = new OctetString();
  constructor(p: Partial<ResponseBytes> = {}) {
    Object.assign(this, p);
  }
}

export enum OcspResponseStatus {
  successful = 0,
  malformedRequest = 1,
  internalError = 2,
  tryLater = 3,
  sigRequired = 5,
  unauthorized = 6,
}

export class OCSPResponse {
  @AsnProp({ type: AsnPropTypes.Enumerated }) responseStatus = OcspResponseStatus.successful;
  @AsnProp({ type: ResponseBytes, context: 0, optional: true }) responseBytes?: ResponseBytes;
  constructor(p: Partial<OCSPResponse> = {}) {
    Object.assign(this, p);
  }
}

