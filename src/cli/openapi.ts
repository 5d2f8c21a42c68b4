import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../lib/paths.js';
import { renderOpenApi } from '../openapi-document.js';

const target = join(projectRoot, 'openapi', 'openapi.json');
await writeFile(target, await renderOpenApi());
console.log(`wrote ${target}`);
