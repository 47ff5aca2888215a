/*
 * `npm run openapi`: write the API's OpenAPI document (`docs/openapi.json`) and the TypeScript types the dashboard
 * reads it through (`web/src/api/openapi.d.ts`, by openapi-typescript). `--check` writes nothing and fails when either
 * file differs from what the routes generate now, so neither can drift from the API.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedApiFiles } from './openapi-files.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');
let stale = 0;
for (const { path, text } of await generatedApiFiles()) {
  const file = join(root, path);
  const current = (() => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  })();
  if (current === text) continue;
  if (check) {
    console.error(`${path} is out of date: run npm run openapi`);
    stale++;
  } else {
    writeFileSync(file, text);
    console.log(`wrote ${path}`);
  }
}
process.exit(stale > 0 ? 1 : 0);
