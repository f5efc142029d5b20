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
    const { bin: _bin, updatedAt, ...facts } = stored;
    return { ...facts, updatedAt: updatedAt.toISOString() };
  }
}
