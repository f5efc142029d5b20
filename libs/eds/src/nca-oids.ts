/** Object identifiers NCA puts into certificates (see EDS-NOTES.md). */
export const NCA_OID = {
  individual: '1.2.398.3.3.4.1.1',
  organisation: '1.2.398.3.3.4.1.2',
} as const;

export const X509_OID = {
  serialNumber: '2.5.4.5',
  organisation: '2.5.4.10',
  organisationalUnit: '2.5.4.11',
  commonName: '2.5.4.3',
  country: '2.5.4.6',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
} as const;

/** Role suffixes under the organisation EKU `1.2.398.3.3.4.1.2.<n>`. */
export enum OrganisationRole {
  HEAD = 'HEAD',
  MAY_SIGN = 'MAY_SIGN',
  FINANCIAL = 'FINANCIAL',
  HR = 'HR',
  EMPLOYEE = 'EMPLOYEE',
  INFORMATION_SYSTEM = 'INFORMATION_SYSTEM',
}

export const ROLE_SUFFIX: Readonly<Record<OrganisationRole, number>> = {
  [OrganisationRole.HEAD]: 1,
  [OrganisationRole.MAY_SIGN]: 2,
  [OrganisationRole.FINANCIAL]: 3,
  [OrganisationRole.HR]: 4,
  [OrganisationRole.EMPLOYEE]: 5,
  [OrganisationRole.INFORMATION_SYSTEM]: 6,
};

export function roleOid(role: OrganisationRole): string {
  return `${NCA_OID.organisation}.${ROLE_SUFFIX[role]}`;
}
