import { Module } from '@nestjs/common';
import { JusticeModule } from '@hub/source-justice';
import { EntitiesController } from './entities.controller';
import { EntityProfileService } from './entity-profile.service';

@Module({
  imports: [JusticeModule],
  controllers: [EntitiesController],
  providers: [EntityProfileService],
})
export class RegisterModule {}
