import { buildApp } from './app.js';
import { loadConfig } from './config.js';

/** The OpenAPI document as committed in openapi/openapi.json (a test fails when that copy is stale). */
export async function renderOpenApi(): Promise<string> {
  const app = await buildApp(loadConfig({ PGLITE_DIR: 'memory://', LOG_LEVEL: 'silent' }), { logger: false });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
