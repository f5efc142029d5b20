import { Injectable } from '@nestjs/common';
import { RegisterReader, publicProfile } from '@hub/register';
import type { ReportContent } from '@hub/reports';
import { ScoringService } from '@hub/scoring';
import { reportContent } from './report-content.rules';

/**
 * Reads what a report shows: the register's public profile (its own store; the public view, so no
 * natural person's IIN) and the four final indexes.
 */
@Injectable()
export class SubjectFacts {
  constructor(private readonly register: RegisterReader, private readonly scoring: ScoringService) {}

  async content(id: string, now: Date): Promise<ReportContent | null> {
    const [profile, scores] = await Promise.all([this.register.profile(id, now), this.scoring.scores(id, null, now)]);
    return reportContent(id, profile ? publicProfile(profile) : null, scores.ok ? scores.answer : null);
  }
}
