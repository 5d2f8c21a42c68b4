import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTestJobs } from '../helpers/data.js';
import { openBrowser, SKIP, type BrowserSession, type PageGlobals } from './harness.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

describe.skipIf(SKIP)('/docs in Chromium', () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openBrowser({}, (ctx) => seedTestJobs(ctx.database.db, 12, 3));
  }, 90_000);
  afterAll(() => s?.close());

  it('renders every operation; "Try it out" on GET /v1/jobs answers 200; nothing blocked, failing or from elsewhere', async () => {
    type Operations = Record<string, Record<string, { operationId?: string; tags?: string[] }>>;
    const doc = (await s.ctx.app.inject('/openapi.json')).json() as { paths: Operations; webhooks?: Operations };
    // Swagger UI shows an operation once under each of its tags, as `operations-<tag>-<operationId>`: the
    // routes, and the deliveries of the `webhooks` section.
    const expected: string[] = [];
    let operations = 0;
    expect(Object.keys(doc.webhooks ?? {}).length).toBeGreaterThan(5);
    for (const item of [...Object.values(doc.paths), ...Object.values(doc.webhooks ?? {})]) {
      for (const [method, op] of Object.entries(item)) {
        if (!METHODS.includes(method)) continue;
        operations++;
        for (const tag of op.tags?.length ? op.tags : ['default']) expected.push(`operations-${tag}-${op.operationId}`);
      }
    }
    expect(operations).toBeGreaterThan(30);

    const { page, findings } = s;
    await page.goto(`${s.origin}/docs`, { waitUntil: 'load' });
    await page.waitForFunction((n) => (globalThis as unknown as PageGlobals).document.querySelectorAll('.opblock').length >= n, expected.length, { timeout: 20_000 });
    const shown = await page.$$eval('.opblock', (blocks) => blocks.map((b) => b.id));
    expect(shown.sort()).toEqual([...expected].sort());
    await s.screenshot('docs');

    const block = page.locator('#operations-jobs-listJobs');
    await block.locator('.opblock-summary').first().click();
    await block.locator('button.try-out__btn').click();
    await block.locator('button.execute').click();
    const status = block.locator('.live-responses-table tbody .response-col_status').first();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/^\s*200/);
    const body = await block.locator('.live-responses-table tbody .response-col_description pre').first().textContent();
    // The page shows what the API answers for the default parameters.
    const direct = (await s.ctx.app.inject('/v1/jobs')).json() as { total: number };
    expect(direct.total).toBeGreaterThan(0);
    expect(JSON.parse(body ?? '{}')).toMatchObject({ total: direct.total });
    await status.scrollIntoViewIfNeeded();
    await s.screenshot('docs-try-it-out');

    expect(findings.requests).toContain('GET /v1/jobs');
    console.info(`/docs: ${operations} operations (${shown.length} blocks); requests: ${findings.requests.join(', ')}`);
    expect(findings.consoleErrors).toEqual([]);
    expect(findings.pageErrors).toEqual([]);
    expect(findings.cspViolations).toEqual([]);
    expect(findings.foreignRequests).toEqual([]);
    expect(findings.failedResponses).toEqual([]);
  });
});
