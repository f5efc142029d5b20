/** Who a KYC request asks about (NDIP §3.25, §40.3): a Kazakhstan BIN/IIN or a foreign potential investor. */
export type PartyKind = 'PERSON' | 'ORGANISATION';

export interface ForeignParty {
  kind: PartyKind;
  name: string;
  country: string | null;
  registrationNumber: string | null;
  /** YYYY, YYYY-MM or YYYY-MM-DD: as precise as the investor's papers are, never padded */
  birthDate: string | null;
}

export type KycSubject =
  | { kind: 'NATIONAL_ID'; id: string }
  | { kind: 'FOREIGN'; party: ForeignParty; beneficialOwners: ForeignParty[] };

export interface KycRequest {
  messageId: string;
  senderBin: string;
  issuedAt: Date;
  subject: KycSubject;
}
