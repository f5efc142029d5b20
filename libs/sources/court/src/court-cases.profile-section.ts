import { Injectable } from '@nestjs/common';
import { ProfileSection } from '@hub/platform';
import { CivilCaseRepository, CivilCaseSummary, PartyCaseCounts } from './civil-case.repository';

/** How many acts the profile lists, newest first; the counts always cover all of them. */
export const PROFILE_CASE_LIMIT = 50;
/** Judicial acts run to many pages; the profile carries the opening only. */
export const EXCERPT_CHARS = 300;

export interface CourtCasesProfile extends PartyCaseCounts {
  /** True when more acts exist than `cases` lists. */
  truncated: boolean;
  cases: Array<Omit<CivilCaseSummary, 'partyId' | 'eventTime' | 'actTextExcerpt'> & { actTextExcerpt: string; recordedAt: string }>;
}

/** The "courtCases" section of the public profile (§24.8 civil cases are public). */
@Injectable()
export class CourtCasesProfileSection implements ProfileSection {
  readonly section = 'courtCases';

  constructor(private readonly repository: CivilCaseRepository) {}

  async find(id: string): Promise<CourtCasesProfile | null> {
    const counts = await this.repository.countsForParty(id);
    if (counts.total === 0) return null;
    const rows = await this.repository.latestForParty(id, PROFILE_CASE_LIMIT, EXCERPT_CHARS);
    return {
      ...counts,
      truncated: counts.total > rows.length,
      cases: rows.map(({ partyId: _partyId, eventTime, actTextExcerpt, ...rest }) => ({
        ...rest,
        actTextExcerpt: rest.actTextLength > EXCERPT_CHARS ? `${actTextExcerpt}…` : actTextExcerpt,
        recordedAt: eventTime.toISOString(),
      })),
    };
  }
}
