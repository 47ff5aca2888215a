/*
 * `npm run client:python`: regenerate the Python client's generated files (clients/python/src/mlcycle/_api and
 * _errors_generated.py) from docs/openapi.json with openapi-python-client from the jupyter venv (built or reused,
 * with progress). `--check` writes nothing and fails naming the files that differ from a fresh generation.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensureVenv, streamSink } from '../stack/index.js';
import { repoRoot } from '../stack/paths.js';
import { apiDir, checkedInPythonClientFiles, differingFiles, generatePythonClientFiles } from './python-client-files.js';

const check = process.argv.includes('--check');
const venv = await ensureVenv('jupyter', (line) => console.log(line), streamSink(process.stdout));
const fresh = await generatePythonClientFiles(venv.bin);
const differing = differingFiles(fresh, checkedInPythonClientFiles());
if (check) {
  for (const path of differing) console.error(`${path} differs from a fresh generation: run npm run client:python`);
  process.exit(differing.length > 0 ? 1 : 0);
}
// The whole subpackage is replaced, so files of removed operations or models go too.
rmSync(join(repoRoot(), apiDir), { recursive: true, force: true });
for (const [path, text] of fresh) {
  const file = join(repoRoot(), path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
console.log(differing.length === 0 ? 'the generated client is up to date' : `wrote ${differing.length} changed file(s) of ${fresh.size}`);
