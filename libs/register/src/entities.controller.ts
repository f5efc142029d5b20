import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { NationalIdPipe } from '@hub/platform';
import { publicProfile } from './profile';
import { RegisterReader } from './register-reader';

@Controller('entities')
export class EntitiesController {
  constructor(private readonly reader: RegisterReader) {}

  /** The public profile from the register's own store: founders named, no natural person's IIN. */
  @Get(':bin')
  async get(@Param('bin', NationalIdPipe) id: string): Promise<Record<string, unknown>> {
    const profile = await this.reader.profile(id);
    if (!profile) throw new NotFoundException({ code: 'ENTITY_NOT_FOUND', message: 'no registered entity with this BIN/IIN has reached the register yet' });
    return publicProfile(profile);
  }
}
