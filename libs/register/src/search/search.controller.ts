import { Controller, Get, Query } from '@nestjs/common';
import { PagePipe, SingleValuePipe } from '@hub/platform';
import { SearchPage } from './search.rules';
import { SearchService } from './search.service';

@Controller('api/v1/search')
export class SearchController {
  constructor(private readonly service: SearchService) {}

  /** GET /api/v1/search?q=&legalForm=&page= — ranked, paginated, each result says why it matched. */
  @Get()
  async search(
    @Query('q', SingleValuePipe) q: string | undefined,
    @Query('legalForm', SingleValuePipe) legalForm: string | undefined,
    @Query('page', PagePipe) page: number,
  ): Promise<SearchPage> {
    return this.service.search(q ?? '', legalForm?.trim() ? legalForm.trim() : null, page);
  }
}
