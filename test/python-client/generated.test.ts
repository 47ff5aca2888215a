import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkedInPythonClientFiles, differingFiles, generatePythonClientFiles } from '../../scripts/python-client-files.js';
import { ensureVenv } from '../../stack/index.js';

/*
 * The Python client's generated transport, models and exception classes are what openapi-python-client makes of the
 * OpenAPI document now: a change of the API without `npm run client:python` fails here, naming the files.
 */

test('the checked-in generated Python client equals a fresh generation from docs/openapi.json', { timeout: 60 * 60_000 }, async () => {
  const venv = await ensureVenv('jupyter');
  const fresh = await generatePythonClientFiles(venv.bin);
  assert.ok(fresh.size > 50, `only ${fresh.size} files generated`);
  assert.deepEqual(differingFiles(fresh, checkedInPythonClientFiles()), [], 'regenerate with npm run client:python');
});
