import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { NationalIdPipe } from '@hub/platform';
import { ScoringService } from '@hub/scoring';
import { BasicCard, basicCard } from './card';
import { publicProfile } from './profile';
import { RegisterReader } from './register-reader';

const notFound = () => new NotFoundException({ code: 'ENTITY_NOT_FOUND', message: 'no registered entity with this BIN/IIN has reached the register yet' });

const ID = { name: 'id', description: 'BIN or IIN: 12 digits with a valid check digit', example: '180340012345' };

@ApiTags('register')
@ApiBadRequestResponse({ description: 'Malformed BIN/IIN (code ID_FORMAT, ID_CHECK_DIGIT or ID_STRUCTURE) or a repeated parameter (PARAM_NOT_SINGLE)' })
@ApiNotFoundResponse({ description: 'No perimeter has published a fact about this BIN/IIN (ENTITY_NOT_FOUND)' })
@Controller('api/v1/entities')
export class EntitiesController {
  constructor(private readonly reader: RegisterReader, private readonly scoring: ScoringService) {}

  /** The public profile from the register's own store: founders named, no natural person's IIN. */
  @Get(':id')
  @ApiOperation({ summary: 'Public profile', description: 'Registration (with founders and parent, no natural person\'s IIN), tax public facts and lists, statistics, court cases, utility arrears.' })
  @ApiParam(ID)
  @ApiOkResponse({ description: 'The merged public profile' })
  async get(@Param('id', NationalIdPipe) id: string): Promise<Record<string, unknown>> {
    const profile = await this.reader.profile(id);
    if (!profile) throw notFound();
    return publicProfile(profile);
  }

  /** The free basic card (BPR §37). */
  @Get(':id/card')
  @ApiOperation({ summary: 'Free basic card (BPR §37)', description: 'Registration, activities, state lists, taxes paid and tax debt, licences and permits, the taxpayer conscientiousness index. An entrepreneur\'s card shows no address, birth date or sex.' })
  @ApiParam(ID)
  @ApiOkResponse({ description: 'The card' })
  async card(@Param('id', NationalIdPipe) id: string): Promise<BasicCard> {
    const now = new Date();
    const profile = await this.reader.profile(id, now);
    if (!profile) throw notFound();
    const scores = await this.scoring.scores(id, null, now);
    const index = scores.ok ? scores.answer.indexes.find((i) => i.index === 'TAXPAYER_CONSCIENTIOUSNESS') ?? null : null;
    return basicCard(profile, index);
  }
}
