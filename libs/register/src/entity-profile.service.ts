import { Injectable } from '@nestjs/common';
import { LegalEntityRepository, StoredLegalEntity } from '@hub/source-justice';

export interface EntityProfile {
  bin: string;
  registration: Omit<StoredLegalEntity, 'bin' | 'updatedAt'> & { updatedAt: string };
}

/** The merged public profile; each section comes from a source's public projection only. */
@Injectable()
export class EntityProfileService {
  constructor(private readonly legalEntities: LegalEntityRepository) {}

  async get(bin: string): Promise<EntityProfile | null> {
    const registration = await this.legalEntities.findByBin(bin);
    if (!registration) return null;
    const { bin: _bin, updatedAt, ...facts } = registration;
    return { bin, registration: { ...facts, updatedAt: updatedAt.toISOString() } };
  }
}
