import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { NationalIdPipe } from '@hub/platform';
import { ScoringService } from '@hub/scoring';
import { BasicCard, basicCard } from './card';
import { publicProfile } from './profile';
import { RegisterReader } from './register-reader';

const notFound = () => new NotFoundException({ code: 'ENTITY_NOT_FOUND', message: 'no registered entity with this BIN/IIN has reached the register yet' });

@Controller('api/v1/entities')
export class EntitiesController {
  constructor(private readonly reader: RegisterReader, private readonly scoring: ScoringService) {}

  /** The public profile from the register's own store: founders named, no natural person's IIN. */
  @Get(':id')
  async get(@Param('id', NationalIdPipe) id: string): Promise<Record<string, unknown>> {
    const profile = await this.reader.profile(id);
    if (!profile) throw notFound();
    return publicProfile(profile);
  }

  /** The free basic card (BPR §37). */
  @Get(':id/card')
  async card(@Param('id', NationalIdPipe) id: string): Promise<BasicCard> {
    const now = new Date();
    const profile = await this.reader.profile(id, now);
    if (!profile) throw notFound();
    const scores = await this.scoring.scores(id, null, now);
    const index = scores.ok ? scores.answer.indexes.find((i) => i.index === 'TAXPAYER_CONSCIENTIOUSNESS') ?? null : null;
    return basicCard(profile, index);
  }
}
