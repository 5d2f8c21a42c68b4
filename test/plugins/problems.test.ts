import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

async function problem(url: string) {
  const res = await ctx.app.inject({ method: 'GET', url });
  return { res, body: res.json() as { status: number; type: string; title: string; detail: string; instance: string; request_id: string; errors?: { name: string; reason: string }[] } };
}

describe('problem+json errors', () => {
  it.each([
    ['/v1/jobs?limit=0', 'limit'],
    ['/v1/jobs?limit=1000', 'limit'],
    ['/v1/jobs?limit=2.5', 'limit'],
    ['/v1/jobs?salary_min=abc', 'salary_min'],
    ['/v1/jobs?salary_min=1e309', 'salary_min'],
    ['/v1/companies?limit=1e309', 'limit'],
    ['/v1/jobs?salary_max=-1', 'salary_max'],
    ['/v1/jobs?country=USA', 'country'],
    ['/v1/jobs?country=XX', 'country'],
    ['/v1/jobs?sort=foo', 'sort'],
    ['/v1/jobs?status=pending', 'status'],
    ['/v1/jobs?role=wizard', 'role'],
    ['/v1/jobs?role=llm_engineer,', 'role'],
    ['/v1/jobs?facets=salary', 'facets'],
    ['/v1/jobs?posted_after=yesterday', 'posted_after'],
    ['/v1/jobs?posted_after=2026-02-30', 'posted_after'],
    ['/v1/jobs?cursor=abc', 'cursor'],
    ['/v1/jobs?cursor=eyJzIjoibmV3ZXN0In0.AAAAAAAAAAAAAAAA', 'cursor'],
    ['/v1/jobs?foo=bar', 'foo'],
    ['/v1/jobs?q=%00', 'q'],
    ['/v1/jobs?sort=relevance', 'sort'],
    ['/v1/jobs?salary_min=200000&salary_max=100000', 'salary_min'],
    ['/v1/companies?sort=size', 'sort'],
    ['/v1/companies?hiring=maybe', 'hiring'],
    ['/v1/companies?unknown=1', 'unknown'],
    ['/v1/taxonomy?x=1', 'x'],
  ])('GET %s answers 400 naming %s', async (url, name) => {
    const { res, body } = await problem(url);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(body.status).toBe(400);
    expect(body.title).toBeTruthy();
    expect(body.type).toBeTruthy();
    expect(body.instance).toBe(url.split('?')[0]);
    expect(body.errors?.map((e) => e.name)).toContain(name);
    for (const e of body.errors ?? []) expect(e.reason).toBeTruthy();
  });

  it('names every bad parameter at once', async () => {
    const { body } = await problem('/v1/jobs?limit=0&country=USA&sort=foo&nope=1');
    expect(body.errors?.map((e) => e.name).sort()).toEqual(['country', 'limit', 'nope', 'sort']);
  });

  it('reports the allowed values of a closed vocabulary', async () => {
    const { body } = await problem('/v1/jobs?role=wizard');
    expect(body.errors?.[0]?.reason).toContain('llm_engineer');
  });

  it('refuses a cursor made for another query', async () => {
    await ctx.app.inject('/v1/jobs?limit=1');
    // A structurally valid cursor for another sort/filter set is refused, not silently applied.
    const other = await ctx.app.inject('/v1/jobs?limit=1&status=all');
    const cursor = other.json().next_cursor as string | null;
    if (cursor) {
      const { res, body } = await problem(`/v1/jobs?limit=1&status=closed&cursor=${encodeURIComponent(cursor)}`);
      expect(res.statusCode).toBe(400);
      expect(body.errors?.[0]?.name).toBe('cursor');
    }
  });

  it.each(['/v1/nope', '/v1/jobs/00000000-0000-4000-8000-000000000000', '/v1/jobs/not-a-real-id', '/v1/companies/no-such-company', '/v1/companies/no-such-company/jobs'])(
    'GET %s answers 404 problem+json',
    async (url) => {
      const { res, body } = await problem(url);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(body).toMatchObject({ status: 404, title: 'Not Found', instance: url });
    },
  );
});
