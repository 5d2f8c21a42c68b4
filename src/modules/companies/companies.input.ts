import type { CompanyCategory } from '../../reference/taxonomy.js';
import { splitList } from '../../lib/parse.js';
import type { CompanyListQuery } from './companies.schemas.js';
import type { CompanySearch } from './companies.service.js';

export function parseCompanySearch(query: CompanyListQuery): CompanySearch {
  return {
    filters: {
      q: query.q?.trim() || undefined,
      category: splitList(query.category) as CompanyCategory[] | undefined,
      hiring: query.hiring,
    },
    sort: query.sort ?? 'name',
    limit: query.limit ?? 20,
    cursor: query.cursor,
  };
}
