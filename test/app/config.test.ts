import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { projectRoot } from '../../src/lib/paths.js';

describe('configuration', () => {
  it('has working defaults: embedded PGlite under ./data with demo data', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, databaseUrl: undefined, pgliteDir: './data/pglite', seedDemo: true, logLevel: 'info', corsOrigins: '*' });
  });

  it('does not seed a PostgreSQL database unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db', SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it('parses lists and numbers', () => {
    const c = loadConfig({ PORT: '8080', CORS_ORIGINS: 'https://a.example, https://b.example', PGLITE_DIR: 'memory://' });
    expect(c.port).toBe(8080);
    expect(c.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(c.pgliteDir).toBe('memory://');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_URL', 'mysql://root@localhost/db'],
    ['SEED_DEMO', 'maybe'],
    ['SEED_JOBS', '-5'],
    ['CURSOR_SECRET', 'short'],
  ])('%s=%s is refused with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid environment variable ${name}: .*got "${value}"`));
  });

  it('a bad value stops the process with one clear line', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: projectRoot,
      env: { ...process.env, PORT: 'not-a-port', DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual(['Invalid environment variable PORT: must be integer (got "not-a-port")']);
  });
});
