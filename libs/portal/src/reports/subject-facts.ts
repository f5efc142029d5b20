import { Injectable } from '@nestjs/common';
import type { ReportContent } from '@hub/reports';
import { EntityProfileService } from '@hub/register';
import { ScoringService } from '@hub/scoring';
import { reportContent } from './report-content.rules';

/** Reads what a report shows: the register's public profile and the four final indexes. */
@Injectable()
export class SubjectFacts {
  constructor(private readonly profiles: EntityProfileService, private readonly scoring: ScoringService) {}

  async content(id: string, now: Date): Promise<ReportContent | null> {
    const [profile, scores] = await Promise.all([this.profiles.get(id), this.scoring.scores(id, null, now)]);
    return reportContent(id, profile, scores.ok ? scores.answer : null);
  }
}
