import { BadRequestException, Injectable } from '@nestjs/common';
import { LegalFormValues } from '@hub/contracts';
import { RegisterRepository } from '../register.repository';
import { searchKey } from './search-key';
import { MATCH_THRESHOLD, PAGE_SIZE, SearchPage, idQuery, idResult, nameResult } from './search.rules';

export const SEARCH_LEGAL_FORMS: readonly string[] = [...LegalFormValues, 'INDIVIDUAL_ENTREPRENEUR'];

/** BPR §32: by BIN/IIN; by name (kk, ru, en) and legal form; by an individual entrepreneur's name. */
@Injectable()
export class SearchService {
  constructor(private readonly repository: RegisterRepository) {}

  /** The HTTP query's values as the route takes them (one value each, already single: SingleValuePipe, PagePipe). */
  fromQuery(q: string | undefined, legalForm: string | undefined, page: number): Promise<SearchPage> {
    return this.search(q ?? '', legalForm?.trim() ? legalForm.trim() : null, page);
  }

  async search(q: string, legalForm: string | null, page: number): Promise<SearchPage> {
    const query = q.trim();
    if (legalForm !== null && !SEARCH_LEGAL_FORMS.includes(legalForm)) {
      throw new BadRequestException({ code: 'LEGAL_FORM_UNKNOWN', message: `legalForm must be one of ${SEARCH_LEGAL_FORMS.join(', ')}` });
    }
    const base = { query, legalForm, page, pageSize: PAGE_SIZE };
    const id = idQuery(query);
    if (id !== null) {
      const subject = await this.repository.subject(id);
      const found = subject && (legalForm === null || subject.legalForm === legalForm) && page === 1 ? [idResult(subject)] : [];
      return { ...base, hasMore: false, results: found };
    }
    const key = searchKey(query);
    if (key.replace(/\s/g, '').length < 3) {
      throw new BadRequestException({ code: 'QUERY_TOO_SHORT', message: 'q must be a 12-digit BIN/IIN or a name of at least 3 letters (legal-form words alone do not count)' });
    }
    const { hits, hasMore } = await this.repository.search(key, legalForm, PAGE_SIZE, (page - 1) * PAGE_SIZE, MATCH_THRESHOLD);
    return { ...base, hasMore, results: hits.map((h) => nameResult(query, h)) };
  }
}
