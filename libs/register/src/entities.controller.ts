import { BadRequestException, Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { parseNationalId } from '@hub/identity';
import { EntityProfile, EntityProfileService } from './entity-profile.service';

@Controller('entities')
export class EntitiesController {
  constructor(private readonly profiles: EntityProfileService) {}

  @Get(':bin')
  async get(@Param('bin') bin: string): Promise<EntityProfile> {
    const id = parseNationalId(bin);
    if (!id.ok) {
      throw new BadRequestException({ code: id.error, message: `BIN/IIN ${id.message}: send the 12-digit number exactly as registered` });
    }
    const profile = await this.profiles.get(id.value);
    if (!profile) throw new NotFoundException({ code: 'ENTITY_NOT_FOUND', message: 'no registered entity with this BIN/IIN has reached the register yet' });
    return profile;
  }
}
