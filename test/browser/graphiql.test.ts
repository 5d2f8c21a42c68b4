import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTestJobs } from '../helpers/data.js';
import { openBrowser, SKIP, type BrowserSession, type PageGlobals } from './harness.js';

const QUERY = '{ jobs(first: 2, filter: { status: all }) { totalCount edges { node { title company { name } } } } }';

/** The text of the CodeMirror editor inside `sel` (GraphiQL 3 runs on CodeMirror 5). */
const editorText = (sel: string) =>
  ((globalThis as unknown as PageGlobals).document.querySelector(`${sel} .CodeMirror`) as unknown as { CodeMirror?: { getValue(): string } } | null)?.CodeMirror?.getValue() ?? null;

describe.skipIf(SKIP)('/graphiql in Chromium', () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openBrowser({}, (ctx) => seedTestJobs(ctx.database.db, 9, 5));
  }, 90_000);
  afterAll(() => s?.close());

  it('runs a query and shows its result; nothing blocked, failing or from elsewhere', async () => {
    const { page, findings } = s;
    await page.goto(`${s.origin}/graphiql`, { waitUntil: 'load' });
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor({ timeout: 20_000 });
    await s.screenshot('graphiql-loaded');

    await page.$eval('.graphiql-query-editor .CodeMirror', (el, q) => (el as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(q), QUERY);
    await page.locator('button.graphiql-execute-button').click();
    await expect.poll(() => page.evaluate(editorText, '.graphiql-response'), { timeout: 15_000 }).toContain('totalCount');
    const shown = JSON.parse((await page.evaluate(editorText, '.graphiql-response'))!) as { data: { jobs: { totalCount: number; edges: unknown[] } } };
    expect(shown.data.jobs.totalCount).toBe(9);
    expect(shown.data.jobs.edges).toHaveLength(2);
    // The text is on screen, not only in the editor's model.
    await expect.poll(() => page.locator('.graphiql-response').innerText()).toContain('"totalCount": 9');
    await s.screenshot('graphiql-result');

    // The policy (connect-src 'self') lets the page open the subscriptions' WebSocket to /graphql.
    const opened = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const WS = (globalThis as unknown as { WebSocket: new (u: string, p: string) => { onopen: () => void; onerror: () => void; close(): void } }).WebSocket;
          const ws = new WS(url, 'graphql-transport-ws');
          ws.onopen = () => (ws.close(), resolve('open'));
          ws.onerror = () => resolve('error');
        }),
      `${s.origin.replace('http', 'ws')}/graphql`,
    );
    expect(opened).toBe('open');

    // The schema was introspected (for the docs and completion) and the query posted, both here.
    expect(findings.requests.filter((r) => r === 'POST /graphql').length).toBeGreaterThanOrEqual(2);
    console.info(`/graphiql: requests: ${findings.requests.join(', ')}`);
    expect(findings.consoleErrors).toEqual([]);
    expect(findings.pageErrors).toEqual([]);
    expect(findings.cspViolations).toEqual([]);
    expect(findings.foreignRequests).toEqual([]);
    expect(findings.failedResponses).toEqual([]);
  });

  // Runs after the test above has checked the context's findings: this page fails on purpose.
  it('says so, instead of a blank page, when its scripts cannot load', async () => {
    const page = await s.context.newPage();
    await page.route('**/graphiql/assets/graphiql@*/graphiql.min.js', (route) => route.abort('connectionrefused'));
    await page.goto(`${s.origin}/graphiql`, { waitUntil: 'load' });
    await expect.poll(() => page.locator('#graphiql').innerText()).toContain('GraphiQL could not load its scripts');
    await s.screenshot('graphiql-failed', page);
    await page.close();
  });
});
