import { Injectable } from '@nestjs/common';
import { ProfileSection } from '@hub/platform';
import { StatisticalEntityRepository } from './statistical-entity.repository';

export interface StatisticsProfile {
  katoCode: string;
  okedPrimary: { code: string; name: string };
  okedSecondary: Array<{ code: string; name: string }>;
  sizeClass: { code: string; name: string };
  /** When the statistical register recorded this state. */
  asOf: string;
}

/** The "statistics" section of the public profile: everything §24.4 lists is public. */
@Injectable()
export class StatisticsProfileSection implements ProfileSection {
  readonly section = 'statistics';

  constructor(private readonly repository: StatisticalEntityRepository) {}

  async find(id: string): Promise<StatisticsProfile | null> {
    const e = await this.repository.findById(id);
    if (!e) return null;
    return {
      katoCode: e.katoCode,
      okedPrimary: { code: e.okedPrimary, name: e.okedPrimaryName },
      okedSecondary: e.okedSecondary,
      sizeClass: { code: e.sizeClassCode, name: e.sizeClassName },
      asOf: e.eventTime.toISOString(),
    };
  }
}
