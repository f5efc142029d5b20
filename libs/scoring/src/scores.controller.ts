import { BadRequestException, Controller, Get, NotFoundException, Param, Query, Redirect, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExcludeController, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { NationalIdPipe, SingleValuePipe } from '@hub/platform';
import { ScoresAnswer } from './final-scores';
import { ScoringService } from './scoring.service';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** The four scoring indexes of BPR §11 for one entity, now or as of a past moment. */
@ApiTags('scoring')
@Controller('api/v1/entities/:id/scores')
export class ScoresController {
  constructor(private readonly scoring: ScoringService) {}

  @Get()
  @ApiOperation({ summary: 'The four indexes of BPR §11', description: 'Value, category, algorithm version and top factors in plain words; a factor resting on a confidential input carries a band, not a contribution.' })
  @ApiParam({ name: 'id', description: 'BIN or IIN: 12 digits with a valid check digit', example: '180340012345' })
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO 8601 date or instant: what was shown then (point in time); one value only' })
  @ApiOkResponse({ description: 'The indexes and their inputs' })
  @ApiBadRequestResponse({ description: 'Malformed id, AS_OF_FORMAT, AS_OF_IN_FUTURE or PARAM_NOT_SINGLE (e.g. asOf[]=1&asOf[]=2)' })
  @ApiNotFoundResponse({ description: 'NOTHING_KNOWN or NO_ALGORITHM_IN_FORCE' })
  async get(@Param('id', NationalIdPipe) id: string, @Query('asOf', SingleValuePipe) asOfText?: string): Promise<ScoresAnswer> {
    const now = new Date();
    let asOf: Date | null = null;
    if (asOfText !== undefined) {
      asOf = ISO_INSTANT.test(asOfText) ? new Date(asOfText) : new Date(NaN);
      if (Number.isNaN(asOf.getTime())) {
        throw new BadRequestException({ code: 'AS_OF_FORMAT', message: 'asOf must be an ISO 8601 date or instant, e.g. 2026-05-01 or 2026-05-01T10:00:00Z' });
      }
      if (asOf.getTime() > now.getTime()) throw new BadRequestException({ code: 'AS_OF_IN_FUTURE', message: 'asOf must not be in the future' });
    }
    const result = await this.scoring.scores(id, asOf, now);
    if (!result.ok) throw new NotFoundException({ code: result.code, message: result.message });
    return result.answer;
  }
}

/** The route before /api/v1: a permanent redirect that keeps the query (asOf). */
@ApiExcludeController()
@Controller('entities/:bin/scores')
export class LegacyScoresRoute {
  @Get()
  @Redirect(undefined, 308)
  redirect(@Param('bin', NationalIdPipe) id: string, @Req() request: { originalUrl: string }): { url: string } {
    const query = request.originalUrl.indexOf('?');
    return { url: `/api/v1/entities/${id}/scores${query >= 0 ? request.originalUrl.slice(query) : ''}` };
  }
}
