import { Module } from '@nestjs/common';
import { ProfileSection } from '@hub/platform';
import { CourtCasesProfileSection, CourtModule } from '@hub/source-court';
import { JusticeModule, RegistrationProfileSection } from '@hub/source-justice';
import { StatisticsModule, StatisticsProfileSection } from '@hub/source-statistics';
import { TaxModule, TaxProfileSection } from '@hub/source-tax';
import { UtilityArrearsProfileSection, UtilityModule } from '@hub/source-utility';
import { EntitiesController } from './entities.controller';
import { EntityProfileService, PROFILE_SECTIONS } from './entity-profile.service';

const SECTIONS = [RegistrationProfileSection, StatisticsProfileSection, TaxProfileSection, CourtCasesProfileSection, UtilityArrearsProfileSection];

@Module({
  imports: [JusticeModule, StatisticsModule, TaxModule, CourtModule, UtilityModule],
  controllers: [EntitiesController],
  providers: [
    { provide: PROFILE_SECTIONS, inject: SECTIONS, useFactory: (...sections: ProfileSection[]) => sections },
    EntityProfileService,
  ],
  exports: [EntityProfileService],
})
export class RegisterModule {}
