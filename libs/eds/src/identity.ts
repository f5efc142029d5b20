import { Certificate } from './pki/certificate';
import { NCA_OID, OrganisationRole, ROLE_SUFFIX, X509_OID } from './nca-oids';

export type SubjectType = 'individual' | 'organisation';

/** Who signed, as NCA encodes it in the certificate. */
export interface SignerIdentity {
  subjectType: SubjectType | undefined;
  /** IIN (12 digits) from subject serialNumber "IIN…"; for an organisation, its employee's IIN. */
  iin: string | undefined;
  /** BIN (12 digits) from subject OU "BIN…"; organisations only. */
  bin: string | undefined;
  organisationName: string | undefined;
  commonName: string | undefined;
  roles: OrganisationRole[];
}

const suffixToRole = new Map<number, OrganisationRole>(
  Object.entries(ROLE_SUFFIX).map(([role, n]) => [n, role as OrganisationRole]),
);

function prefixed(values: string[], prefix: string): string | undefined {
  for (const v of values) {
    const m = new RegExp(`^${prefix}(\\d{12})$`).exec(v.trim());
    if (m) return m[1];
  }
  return undefined;
}

// A certificate's identity is a pure function of its bytes; reading the subject fields and EKU per
// message cost more than the RSA verification. Keyed by the parsed certificate (itself shared).
const identities = new WeakMap<Certificate, SignerIdentity>();

export function extractIdentity(cert: Certificate): SignerIdentity {
  let id = identities.get(cert);
  if (!id) identities.set(cert, (id = readIdentity(cert)));
  return { ...id, roles: [...id.roles] };
}

function readIdentity(cert: Certificate): SignerIdentity {
  const eku = cert.extendedKeyUsage;
  const orgPrefix = `${NCA_OID.organisation}.`;
  const isOrg = eku.some((o) => o === NCA_OID.organisation || o.startsWith(orgPrefix));
  const isIndividual = eku.includes(NCA_OID.individual);
  const roles: OrganisationRole[] = [];
  for (const o of eku) {
    if (!o.startsWith(orgPrefix)) continue;
    const role = suffixToRole.get(Number(o.slice(orgPrefix.length)));
    if (role && !roles.includes(role)) roles.push(role);
  }
  // Both or neither marker: we cannot tell what the subject is, and callers must not guess.
  const subjectType: SubjectType | undefined = isOrg === isIndividual ? undefined : isOrg ? 'organisation' : 'individual';
  return {
    subjectType,
    iin: prefixed(cert.subjectField(X509_OID.serialNumber), 'IIN'),
    bin: prefixed(cert.subjectField(X509_OID.organisationalUnit), 'BIN'),
    organisationName: cert.subjectField(X509_OID.organisation)[0],
    commonName: cert.subjectField(X509_OID.commonName)[0],
    roles,
  };
}
