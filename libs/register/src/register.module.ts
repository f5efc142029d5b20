import { Module } from '@nestjs/common';
import { MigrationSet, ProfileSection, Stores, moduleDatabase } from '@hub/platform';
import { CourtCasesProfileSection, CourtModule } from '@hub/source-court';
import { JusticeModule, RegistrationProfileSection } from '@hub/source-justice';
import { StatisticsModule, StatisticsProfileSection } from '@hub/source-statistics';
import { TaxModule, TaxProfileSection } from '@hub/source-tax';
import { UtilityArrearsProfileSection, UtilityModule } from '@hub/source-utility';
import { EntitiesController } from './entities.controller';
import { EntityProfileService, PROFILE_SECTIONS } from './entity-profile.service';

/** The register's own schema (its read model of `bpr.facts.v1` lands here), written by hub_register only. */
export const REGISTER_MIGRATIONS: readonly MigrationSet[] = [Stores.register];

const SECTIONS = [RegistrationProfileSection, StatisticsProfileSection, TaxProfileSection, CourtCasesProfileSection, UtilityArrearsProfileSection];

@Module({
  imports: [JusticeModule, StatisticsModule, TaxModule, CourtModule, UtilityModule],
  controllers: [EntitiesController],
  providers: [
    moduleDatabase(Stores.register),
    { provide: PROFILE_SECTIONS, inject: SECTIONS, useFactory: (...sections: ProfileSection[]) => sections },
    EntityProfileService,
  ],
  exports: [EntityProfileService],
})
export class RegisterModule {}
