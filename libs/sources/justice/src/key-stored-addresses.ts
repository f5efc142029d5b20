import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER, Logger } from '@hub/platform';
import { LegalEntityRepository } from './legal-entity.repository';

/**
 * At start, keys the registration addresses, founders and heads of rows stored before the
 * mass-address, mass-founder and mass-director features (issue 13 item 2): the keys are computed in
 * TypeScript, so the migrations that added the columns could not fill them. A no-op once every row
 * is keyed.
 */
@Injectable()
export class KeyStoredAddresses implements OnApplicationBootstrap {
  constructor(private readonly repository: LegalEntityRepository, @Inject(LOGGER) private readonly log: Logger) {}

  async onApplicationBootstrap(): Promise<void> {
    const keyed = await this.repository.keyStoredAddresses();
    if (keyed > 0) this.log.info({ keyed }, 'registration addresses keyed for the mass-address count');
    const people = await this.repository.keyStoredPeople();
    if (people > 0) this.log.info({ keyed: people }, 'founders and heads keyed for the mass-founder and mass-director counts');
  }
}
