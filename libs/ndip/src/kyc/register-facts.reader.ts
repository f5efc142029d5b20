import { Injectable } from '@nestjs/common';
import { EntityProfileService } from '@hub/register';
import { ScoringService } from '@hub/scoring';
import { courtRestrictions, type CourtCaseFact } from './court-restrictions.rules';
import type { IndexFinding, RegisterFacts } from './kyc-findings';
import type { LinkedParty, SubjectFactsReader } from './ports';

interface RegistrationSection {
  status?: string;
  nameRu?: string;
  nameEn?: string | null;
  legalForm?: string;
  headFullName?: string | null;
  founders?: Array<{ kind?: string; name?: string | null; country?: string | null }>;
}
interface TaxSection {
  lists?: Array<{ list: string; includedOn: string; current: boolean }>;
  insolvencyProceedings?: Array<{ kind: string; startDate: string; endDate: string | null }>;
}
interface CourtSection { cases?: CourtCaseFact[] }

/** A section of the public profile, in the shape its source publishes. */
function section<T>(profile: Record<string, unknown> | null, name: string): T | null {
  const value: unknown = profile?.[name];
  return value === undefined || value === null ? null : (value as T);
}

/**
 * Reads a BIN/IIN for KYC through the register's public profile and the scoring service — the same
 * public projections an entrepreneur sees, never a source's tables. The KYC check is recorded by
 * scoring like every other look at the indexes.
 */
@Injectable()
export class RegisterFactsReader implements SubjectFactsReader {
  constructor(private readonly profiles: EntityProfileService, private readonly scoring: ScoringService) {}

  async read(id: string, now: Date): Promise<{ facts: RegisterFacts; linked: LinkedParty[]; indexes: IndexFinding[] } | null> {
    const [profile, scores] = await Promise.all([this.profiles.get(id), this.scoring.scores(id, null, now)]);
    if (!profile && !scores.ok) return null;
    const registration = section<RegistrationSection>(profile, 'registration');
    const tax = section<TaxSection>(profile, 'tax');
    const court = section<CourtSection>(profile, 'courtCases');
    const facts: RegisterFacts = {
      id,
      name: registration?.nameRu ?? registration?.nameEn ?? null,
      legalForm: registration?.legalForm ?? null,
      registrationStatus: registration?.status ?? null,
      currentTaxLists: (tax?.lists ?? []).filter((l) => l.current).map((l) => ({ list: l.list, includedOn: l.includedOn })),
      openInsolvency: (tax?.insolvencyProceedings ?? []).filter((p) => p.endDate === null).map((p) => ({ kind: p.kind, startDate: p.startDate })),
      courtRestrictions: courtRestrictions(court?.cases ?? [], now).map((c) => ({ caseNumber: c.caseNumber, category: c.caseCategory, actDate: c.actDate, outcome: c.outcome })),
    };
    const linked: LinkedParty[] = [];
    if (registration?.headFullName) linked.push({ role: 'HEAD', kind: 'PERSON', name: registration.headFullName });
    for (const f of registration?.founders ?? []) {
      if (f.name) linked.push({ role: 'FOUNDER', kind: f.kind === 'LEGAL_ENTITY' || f.kind === 'ORGANISATION' ? 'ORGANISATION' : 'PERSON', name: f.name, country: f.country ?? null });
    }
    const indexes: IndexFinding[] = scores.ok
      ? scores.answer.indexes.map((i) => ({
          index: i.index, value: i.value, category: i.category, algorithmVersion: `${i.algorithm}@${i.algorithmVersion}`,
          factors: i.topFactors.map((f) => f.explanation),
        }))
      : [];
    return { facts, linked, indexes };
  }
}
