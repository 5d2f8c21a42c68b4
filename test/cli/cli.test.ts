import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isWellFormedKey } from '../../src/lib/api-key.js';
import { projectRoot } from '../../src/lib/paths.js';

function keys(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/keys.ts', ...args], {
    cwd: projectRoot,
    env: { ...process.env, PGLITE_DIR: 'memory://', DATABASE_URL: '', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('npm run keys', () => {
  it('creates a key and prints it once, well-formed', () => {
    const run = keys('create', '--name', 'Acme app', '--tier', 'free');
    expect(run.status, run.stderr).toBe(0);
    const secret = run.stdout.trim().split('\n').at(-1)!;
    expect(isWellFormedKey(secret)).toBe(true);
    expect(run.stdout).toMatch(/tier=free scopes=jobs:read,analytics:read/);
  });

  it('refuses a bad tier, an unknown scope and an unknown company with a clear message', () => {
    expect(keys('create', '--name', 'x', '--tier', 'gold').stderr).toMatch(/--tier must be one of free, partner, internal/);
    expect(keys('create', '--name', 'x', '--scopes', 'everything').stderr).toMatch(/unknown scope everything/);
    const unknown = keys('create', '--name', 'x', '--company', 'no-such-co', '--scopes', 'jobs:write');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/no-such-co|Invalid request/);
    expect(keys('destroy').status).toBe(2);
  });
});
