import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PagePipe, SingleValuePipe } from '@hub/platform';
import { SearchPage } from './search.rules';
import { SearchService } from './search.service';

@ApiTags('register')
@Controller('api/v1/search')
export class SearchController {
  constructor(private readonly service: SearchService) {}

  /**
   * GET /api/v1/search?q=&legalForm=&page= — ranked, paginated, each result says why it matched.
   * The plain spelling of this request is served ahead of Express by the portal's front door
   * (libs/portal PortalFrontDoor), with the same session rule and the same service; this route
   * answers every other spelling.
   */
  @Get()
  @ApiOperation({ summary: 'Search (BPR §32)', description: 'By BIN/IIN; by name (kk, ru, en) with an optional legal form; by an individual entrepreneur\'s surname, name and patronymic. Typo- and Cyrillic/Latin-tolerant, ranked, 20 per page; each result says why it matched.' })
  @ApiQuery({ name: 'q', required: true, description: 'A 12-digit BIN/IIN, or a name (at least 3 letters besides legal-form words)' })
  @ApiQuery({ name: 'legalForm', required: false, description: 'LLP, JSC, STATE_ENTERPRISE, PRODUCTION_COOPERATIVE, BRANCH, REPRESENTATIVE_OFFICE, NON_COMMERCIAL, OTHER or INDIVIDUAL_ENTREPRENEUR' })
  @ApiQuery({ name: 'page', required: false, description: 'Page number from 1' })
  @ApiOkResponse({ description: 'A page of ranked results' })
  @ApiBadRequestResponse({ description: 'QUERY_TOO_SHORT, LEGAL_FORM_UNKNOWN, PAGE_FORMAT or PARAM_NOT_SINGLE' })
  async search(
    @Query('q', SingleValuePipe) q: string | undefined,
    @Query('legalForm', SingleValuePipe) legalForm: string | undefined,
    @Query('page', PagePipe) page: number,
  ): Promise<SearchPage> {
    return this.service.fromQuery(q, legalForm, page);
  }
}
