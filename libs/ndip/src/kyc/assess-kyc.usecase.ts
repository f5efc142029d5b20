import type { KycFindings, ScreenedParty, ScreeningSummary } from './kyc-findings';
import type { KycSubject } from './kyc-subject';
import { decideKyc, type KycDecision } from './kyc-verdict.rules';
import type { NameScreening, ScreeningQuery, SubjectFactsReader } from './ports';

/**
 * Gathers the findings for one subject and decides: a BIN/IIN from the register and scoring, with
 * its own name, its head and its founders screened; a foreign investor and its beneficial owners
 * screened against the watchlists (SPEC §4).
 */
export class AssessKyc {
  constructor(private readonly facts: SubjectFactsReader, private readonly screening: NameScreening) {}

  async execute(subject: KycSubject, now: Date): Promise<{ findings: KycFindings; decision: KycDecision }> {
    const findings = await this.findings(subject, now);
    return { findings, decision: decideKyc(findings) };
  }

  private async findings(subject: KycSubject, now: Date): Promise<KycFindings> {
    if (subject.kind === 'FOREIGN') {
      const parties: Array<{ role: ScreenedParty['role']; query: ScreeningQuery }> = [
        { role: 'SUBJECT', query: query(subject.party) },
        ...subject.beneficialOwners.map((o) => ({ role: 'BENEFICIAL_OWNER' as const, query: query(o) })),
      ];
      return { kind: 'FOREIGN', screening: await this.screen(parties) };
    }
    const known = await this.facts.read(subject.id, now);
    if (!known) return { kind: 'NATIONAL_ID', found: false, id: subject.id, screening: null };
    const parties: Array<{ role: ScreenedParty['role']; query: ScreeningQuery }> = [];
    if (known.facts.name) {
      parties.push({ role: 'SUBJECT', query: { kind: subject.id[4] >= '4' ? 'ORGANISATION' : 'PERSON', name: known.facts.name, identifiers: [subject.id] } });
    }
    for (const l of known.linked) {
      parties.push({ role: l.role, query: { kind: l.kind, name: l.name, ...(l.birthDate ? { birthDate: l.birthDate } : {}), ...(l.country ? { country: l.country } : {}) } });
    }
    return { kind: 'NATIONAL_ID', found: true, facts: known.facts, indexes: known.indexes, screening: await this.screen(parties) };
  }

  private async screen(parties: Array<{ role: ScreenedParty['role']; query: ScreeningQuery }>): Promise<ScreeningSummary> {
    const answers = await Promise.all(parties.map((p) => this.screening.screen(p.query)));
    const first = answers[0];
    return {
      configVersion: first?.configVersion ?? 'none',
      listVersions: Object.assign({}, ...answers.map((a) => a.listVersions)) as Record<string, string>,
      parties: parties.map((p, i) => ({ role: p.role, kind: p.query.kind, name: p.query.name, hits: answers[i].hits })),
    };
  }
}

function query(p: { kind: 'PERSON' | 'ORGANISATION'; name: string; birthDate: string | null; country: string | null; registrationNumber: string | null }): ScreeningQuery {
  return {
    kind: p.kind,
    name: p.name,
    ...(p.birthDate ? { birthDate: p.birthDate } : {}),
    ...(p.country ? { country: p.country } : {}),
    ...(p.registrationNumber ? { identifiers: [p.registrationNumber] } : {}),
  };
}
