import { Injectable } from '@nestjs/common';
import { ProfileSection } from '@hub/platform';
import { periodOf } from './utility-arrears.rules';
import { UtilityArrearsProfile, periodMinus, summariseArrears } from './utility-arrears.profile';
import { UtilityArrearsRepository } from './utility-arrears.repository';

/** Three years of monthly history, like the other feeds' windows; bounded so a profile stays small. */
export const ARREARS_WINDOW_MONTHS = 36;
const MAX_ROWS = 500;

/** The "utilityArrears" section of the public profile (§24.10 non-payment facts are public). */
@Injectable()
export class UtilityArrearsProfileSection implements ProfileSection {
  readonly section = 'utilityArrears';

  constructor(private readonly repository: UtilityArrearsRepository) {}

  async find(id: string): Promise<UtilityArrearsProfile | null> {
    const to = periodOf(new Date());
    const from = periodMinus(to, ARREARS_WINDOW_MONTHS - 1);
    return summariseArrears(await this.repository.findById(id, from, MAX_ROWS), { from, to });
  }
}
