/** A page of a list answer: `{ data, next_cursor, total, total_relation }` (and facets where asked). */
export interface CursorPage<T> {
  data: T[];
  next_cursor: string | null;
}

/**
 * A cursor-paged list. Iterate it for the items of every page, in order, one request per page
 * (`for await (const job of client.jobs.list({ q: 'llm' }))`), or take pages: `first()`, `pages()`,
 * `page(cursor)`. Each page follows the previous page's `next_cursor` with the same other
 * parameters, as the API asks; walking all pages returns every match exactly once.
 */
export class Paginator<P extends CursorPage<unknown>> implements AsyncIterable<P['data'][number]> {
  readonly #fetchPage: (cursor: string | undefined) => Promise<P>;
  readonly #start: string | undefined;

  constructor(fetchPage: (cursor: string | undefined) => Promise<P>, startCursor?: string) {
    this.#fetchPage = fetchPage;
    this.#start = startCursor;
  }

  /** The first page (one request): its items, `next_cursor`, `total` and facets. */
  first(): Promise<P> {
    return this.#fetchPage(this.#start);
  }

  /** The page at `cursor` (a `next_cursor` from an earlier page), with this list's parameters. */
  page(cursor: string | undefined): Promise<P> {
    return this.#fetchPage(cursor);
  }

  /** Every page in turn, until `next_cursor` is null; `maxPages` stops earlier. */
  async *pages(options: { maxPages?: number } = {}): AsyncGenerator<P, void, undefined> {
    let cursor = this.#start;
    for (let n = 0; n < (options.maxPages ?? Infinity); n++) {
      const page = await this.#fetchPage(cursor);
      yield page;
      if (!page.next_cursor) return;
      cursor = page.next_cursor;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<P['data'][number], void, undefined> {
    for await (const page of this.pages()) for (const item of page.data) yield item as Awaited<P['data'][number]>;
  }

  /** All items (or the first `max`) in one array. Mind the size of what you ask for. */
  async toArray(options: { max?: number } = {}): Promise<P['data'][number][]> {
    const max = options.max ?? Infinity;
    const items: P['data'][number][] = [];
    if (max <= 0) return items;
    for await (const item of this) {
      items.push(item);
      if (items.length >= max) break;
    }
    return items;
  }
}
