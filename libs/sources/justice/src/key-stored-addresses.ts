import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER, Logger } from '@hub/platform';
import { LegalEntityRepository } from './legal-entity.repository';

/**
 * At start, keys the registration addresses of rows stored before the mass-address feature
 * (issue 13 item 2): their address key is computed in TypeScript, so the migration that added the
 * column could not fill it. A no-op once every row is keyed.
 */
@Injectable()
export class KeyStoredAddresses implements OnApplicationBootstrap {
  constructor(private readonly repository: LegalEntityRepository, @Inject(LOGGER) private readonly log: Logger) {}

  async onApplicationBootstrap(): Promise<void> {
    const keyed = await this.repository.keyStoredAddresses();
    if (keyed > 0) this.log.info({ keyed }, 'registration addresses keyed for the mass-address count');
  }
}
