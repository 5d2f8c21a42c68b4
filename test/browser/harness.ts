import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestApp, type TestContext } from '../helpers/app.js';

/** Debian's `chromium` package installs the browser here; CHROMIUM_PATH points elsewhere. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser tests run unless explicitly skipped: a missing browser fails them (CI must not pass silently). */
export const SKIP = process.env.SKIP_BROWSER_TESTS === '1';

/** Screenshots, kept by CI as artefacts (the folder is gitignored). */
export const ARTIFACTS = fileURLToPath(new URL('../../artifacts/browser/', import.meta.url));

/** The little of the DOM the page functions here use (the project compiles without lib "dom"). */
export interface PageGlobals {
  document: {
    querySelector(selector: string): unknown;
    querySelectorAll(selector: string): { length: number };
    addEventListener(type: 'securitypolicyviolation', listener: (e: { violatedDirective: string; blockedURI: string; sourceFile: string; lineNumber: number }) => void): void;
  };
  __reportCspViolation(text: string): void;
}

/** What a page did that a page working offline under our CSP must not do. */
export interface Findings {
  consoleErrors: string[];
  pageErrors: string[];
  cspViolations: string[];
  /** Requests (and WebSockets) to any origin but the server's; they are also aborted, as offline. */
  foreignRequests: string[];
  /** Responses of the server's own with status >= 400. */
  failedResponses: string[];
  /** Every request the pages made, `METHOD pathname` (to show what was exercised). */
  requests: string[];
}

export interface BrowserSession {
  ctx: TestContext;
  origin: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  findings: Findings;
  screenshot(name: string, page?: Page): Promise<string>;
  close(): Promise<void>;
}

/**
 * The app listening on a free local port, and headless Chromium with a fresh profile whose every
 * request to another origin is recorded and aborted (the pages must work without the internet).
 */
export async function openBrowser(env: Record<string, string> = {}, seed?: (ctx: TestContext) => Promise<void>): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH, or SKIP_BROWSER_TESTS=1 to skip the browser tests).`);
  }
  const ctx = await createTestApp(env);
  let browser: Browser | undefined;
  try {
    if (seed) await seed(ctx);
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const address = ctx.app.server.address();
    if (!address || typeof address === 'string') throw new Error('the app did not listen on TCP');
    const origin = `http://127.0.0.1:${address.port}`;
    // A fresh profile each launch (playwright makes a temporary one). Root needs --no-sandbox; the
    // rest stop Chromium's own calls home (refused on this machine, and noise in what is recorded).
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
      timeout: 30_000,
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    const findings: Findings = { consoleErrors: [], pageErrors: [], cspViolations: [], foreignRequests: [], failedResponses: [], requests: [] };
    const foreign = (url: string) => /^(https?|wss?):/.test(url) && new URL(url).host !== new URL(origin).host;
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (foreign(url)) return route.abort('internetdisconnected');
      return route.continue();
    });
    await context.exposeFunction('__reportCspViolation', (text: string) => findings.cspViolations.push(text));
    await context.addInitScript(() => {
      // Runs in the page: nothing from this module's scope is there.
      const page = globalThis as unknown as PageGlobals;
      page.document.addEventListener('securitypolicyviolation', (e) => {
        page.__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    context.on('request', (request) => {
      const url = request.url();
      if (foreign(url)) findings.foreignRequests.push(`${request.method()} ${url}`);
      else if (/^https?:/.test(url)) findings.requests.push(`${request.method()} ${new URL(url).pathname}`);
    });
    context.on('response', (response) => {
      if (response.status() >= 400 && !foreign(response.url())) findings.failedResponses.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') findings.consoleErrors.push(message.text());
      // Chromium reports CSP refusals on the console too (with type error, but be sure).
      else if (/Content Security Policy/i.test(message.text())) findings.cspViolations.push(message.text());
    });
    page.on('pageerror', (error) => findings.pageErrors.push(String(error.stack ?? error)));
    page.on('websocket', (ws) => {
      if (foreign(ws.url())) findings.foreignRequests.push(`WS ${ws.url()}`);
    });
    mkdirSync(ARTIFACTS, { recursive: true });
    const opened = browser;
    return {
      ctx,
      origin,
      browser: opened,
      context,
      page,
      findings,
      async screenshot(name, target = page) {
        const path = join(ARTIFACTS, `${name}.png`);
        await target.screenshot({ path });
        return path;
      },
      async close() {
        await opened.close().catch(() => {});
        await ctx.close();
      },
    };
  } catch (err) {
    await browser?.close().catch(() => {});
    await ctx.close();
    throw err;
  }
}
