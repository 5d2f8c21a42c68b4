import type { CompanyCategory } from '../../reference/taxonomy.js';
import { ValidationProblem } from '../../lib/errors.js';
import { splitList } from '../../lib/parse.js';
import { parseDay } from '../../lib/days.js';
import type { LayoffListQuery } from './layoffs.schemas.js';
import type { LayoffFilters } from './layoffs.filter.js';
import type { LayoffSearch } from './layoffs.service.js';

export function parseLayoffSearch(query: LayoffListQuery): LayoffSearch {
  const filters: LayoffFilters = {
    company: splitList(query.company),
    companyCategory: splitList(query.company_category) as CompanyCategory[] | undefined,
    aiAttributed: query.ai_attributed,
    minHeadcount: query.min_headcount,
    announcedAfter: parseDay('announced_after', query.announced_after),
    announcedBefore: parseDay('announced_before', query.announced_before),
  };
  if (filters.announcedAfter && filters.announcedBefore && filters.announcedAfter >= filters.announcedBefore) {
    throw new ValidationProblem([{ name: 'announced_after', reason: 'must be earlier than announced_before' }]);
  }
  return { filters, sort: query.sort ?? 'newest', limit: query.limit ?? 20, cursor: query.cursor };
}
