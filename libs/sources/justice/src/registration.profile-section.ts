import { Injectable } from '@nestjs/common';
import { ProfileSection } from '@hub/platform';
import { LegalEntityRepository } from './legal-entity.repository';

@Injectable()
export class RegistrationProfileSection implements ProfileSection {
  readonly section = 'registration';

  constructor(private readonly legalEntities: LegalEntityRepository) {}

  async find(id: string): Promise<unknown> {
    const stored = await this.legalEntities.findByBin(id);
    if (!stored) return null;
    const { bin: _bin, updatedAt, founders, ...facts } = stored;
    // A natural person's IIN is personal data (BPR §30): the public profile names founders, never their IINs.
    return { ...facts, founders: founders.map(({ iin: _iin, ...rest }) => rest), updatedAt: updatedAt.toISOString() };
  }
}
