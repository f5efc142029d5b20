import { Injectable } from '@nestjs/common';
import { RegisterReader, type RegisterProfile } from '@hub/register';
import { ScoringService } from '@hub/scoring';
import { courtRestrictions } from './court-restrictions.rules';
import type { IndexFinding, RegisterFacts } from './kyc-findings';
import type { LinkedParty, SubjectFactsReader } from './ports';

type FounderView = NonNullable<RegisterProfile['registration']>['founders'][number];

/** A founder's name as screening reads it: a person's surname, given name and patronymic; an organisation's Russian name. */
function founderParty(f: FounderView): LinkedParty | null {
  if (f.kind === 'NATURAL_PERSON') {
    const name = [f.surname, f.givenName, f.patronymic].filter(Boolean).join(' ');
    return name ? { role: 'FOUNDER', kind: 'PERSON', name, country: f.citizenshipCountry } : null;
  }
  const name = f.nameRu ?? f.nameKk;
  return name ? { role: 'FOUNDER', kind: 'ORGANISATION', name, country: f.incorporationCountry } : null;
}

/**
 * Reads a BIN/IIN for KYC through the register's read model (RegisterReader, fed by bpr.facts.v1)
 * and the scoring service — public projections, never a source's tables. The head and the founders
 * (BPR §24.3) are returned for screening; a founder's IIN stays in-process and is never answered.
 */
@Injectable()
export class RegisterFactsReader implements SubjectFactsReader {
  constructor(private readonly register: RegisterReader, private readonly scoring: ScoringService) {}

  async read(id: string, now: Date): Promise<{ facts: RegisterFacts; linked: LinkedParty[]; indexes: IndexFinding[] } | null> {
    const [profile, scores] = await Promise.all([this.register.profile(id, now), this.scoring.scores(id, null, now)]);
    if (!profile && !scores.ok) return null;
    const registration = profile?.registration ?? null;
    const facts: RegisterFacts = {
      id,
      name: registration?.nameRu ?? registration?.nameEn ?? profile?.entrepreneurName ?? null,
      legalForm: registration?.legalForm ?? null,
      registrationStatus: registration?.status ?? null,
      currentTaxLists: (profile?.taxLists ?? []).filter((l) => l.current).map((l) => ({ list: l.list, includedOn: l.includedOn })),
      openInsolvency: (profile?.tax?.insolvencyProceedings ?? []).filter((p) => p.endDate === null).map((p) => ({ kind: p.kind, startDate: p.startDate })),
      courtRestrictions: courtRestrictions(profile?.courtCases?.cases ?? [], now).map((c) => ({ caseNumber: c.caseNumber, category: c.caseCategory, actDate: c.actDate, outcome: c.outcome })),
    };
    const linked: LinkedParty[] = [];
    if (registration?.headFullName) linked.push({ role: 'HEAD', kind: 'PERSON', name: registration.headFullName });
    for (const f of registration?.founders ?? []) {
      const party = founderParty(f);
      if (party) linked.push(party);
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
