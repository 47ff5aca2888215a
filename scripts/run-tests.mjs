#!/usr/bin/env node
// The whole test suite: node's test runner over test/**/*.test.ts (each file in its own process), then the Python
// tests (the Airflow DAG, the example project) when the project venvs exist. Ends with one `N passed, N failed` line.
//   node scripts/run-tests.mjs [filter...]   run only test files whose path contains one of the filters
//   node scripts/run-tests.mjs --tier unit   pure logic, seconds: test/unit/, test/bicep/ and files marked
//                                            `// test-tier: unit` (no servers, no child processes)
//   node scripts/run-tests.mjs --list ...    print the test files a selection picks, without running them
//   node scripts/run-tests.mjs --tier fast   everything that needs no local ML stack: leaves out the test files that
//                                            import the stack (stack/index.js: venvs, MinIO, MLflow, Airflow), directly
//                                            or through a test helper, test/fuzz/ (schemathesis runs in the fuzz venv)
//                                            and the Python tests (they run in its venvs)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const list = process.argv.includes('--list');
const args = process.argv.slice(2).filter((a) => a !== '--list');
const tierAt = args.findIndex((a) => a === '--tier' || a.startsWith('--tier='));
const tier = tierAt < 0 ? undefined : args[tierAt].includes('=') ? args[tierAt].split('=')[1] : args[tierAt + 1];
if (tier !== undefined && tier !== 'unit' && tier !== 'fast') {
  console.error('usage: node scripts/run-tests.mjs [--tier unit|fast] [filter...]');
  process.exit(2);
}
const filters = tierAt < 0 ? args : args.filter((_, i) => i !== tierAt && !(i === tierAt + 1 && !args[tierAt].includes('=')));

const unitFolders = ['test/unit/', 'test/bicep/'];
const unitMarker = /^\/\/ test-tier: unit$/m;
// Folders whose tests run a tool from the stack's venvs without importing stack/index.js.
const venvFolders = ['test/fuzz/'];
const stackEntry = resolve(root, 'stack', 'index.ts');
const importsStack = new Map();

/** Whether a test source imports the ML stack's entry point, itself or through the test helpers it imports. */
function needsStack(file) {
  if (importsStack.has(file)) return importsStack.get(file);
  importsStack.set(file, false); // an import cycle among helpers adds nothing
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const targets = [...text.matchAll(/from\s+'(\.{1,2}\/[^']+)\.js'/g)].map((m) => resolve(dirname(file), `${m[1]}.ts`));
  const hit = targets.some((t) => t === stackEntry || (t.startsWith(join(root, 'test')) && needsStack(t)));
  importsStack.set(file, hit);
  return hit;
}

function inTier(path) {
  if (tier === 'unit') return unitFolders.some((f) => path.startsWith(f)) || unitMarker.test(readFileSync(join(root, path), 'utf8'));
  if (tier === 'fast') return !venvFolders.some((f) => path.startsWith(f)) && !needsStack(join(root, path));
  return true;
}

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') return [];
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}

const files = walk(join(root, 'test'))
  .map((p) => relative(root, p))
  .filter((p) => filters.length === 0 || filters.some((f) => p.includes(f)))
  .filter(inTier)
  .sort();

if (list) {
  for (const f of files) console.log(f);
  process.exit(0);
}

let passed = 0;
let failed = 0;
let skipped = 0;

if (files.length > 0) {
  mkdirSync(join(root, '.mlcycle'), { recursive: true });
  const tap = join(root, '.mlcycle', `node-tests-${process.pid}.tap`);
  const concurrency = process.env.MLCYCLE_TEST_CONCURRENCY ?? '2';
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=900000',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
  );
  const summary = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  rmSync(tap, { force: true });
  const count = (k) => Number((summary.match(new RegExp(`^# ${k} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
  passed += count('pass');
  failed += count('fail') + count('cancelled');
  skipped += count('skipped') + count('todo');
  if (r.status !== 0 && count('fail') + count('cancelled') === 0) failed += 1; // the runner itself failed
}

// Python tests run in the project venvs (`npm run stack:setup` builds them and records their interpreters in
// .mlcycle/venvs.json): the DAG's tests in the Airflow venv, the example project's in the ml venv, the Python client's
// in a venv with the client installed from clients/python on top of the jupyter venv (.mlcycle/client-venv, remade
// from the source each time: seconds). MLCYCLE_AIRFLOW_PYTHON / MLCYCLE_ML_PYTHON / MLCYCLE_CLIENT_PYTHON override.
// Without a venv the directory is reported as skipped.
const venvsFile = join(root, '.mlcycle', 'venvs.json');
const venvs = existsSync(venvsFile) ? JSON.parse(readFileSync(venvsFile, 'utf8')) : {};
const clientVenv = join(root, '.mlcycle', 'client-venv', 'bin', 'python');
/** Make (or refresh) the client venv with stack/client-venv.ts; false (the error shown) when that fails. */
function installClient() {
  const code = `import('./stack/client-venv.ts').then((m) => m.ensureClientVenv(${JSON.stringify(dirname(dirname(clientVenv)))}))`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: root, encoding: 'utf8' });
  process.stderr.write(r.stderr ?? '');
  return r.status === 0;
}
const pyTests = [
  { dir: 'airflow/tests', python: process.env.MLCYCLE_AIRFLOW_PYTHON ?? venvs.airflow?.python },
  { dir: 'examples/churn-model/tests', python: process.env.MLCYCLE_ML_PYTHON ?? venvs.ml?.python },
  { dir: 'clients/python/tests', python: process.env.MLCYCLE_CLIENT_PYTHON ?? (venvs.jupyter ? clientVenv : undefined) },
].filter(({ dir }) => tier === undefined && existsSync(join(root, dir)) && (filters.length === 0 || filters.some((f) => dir.includes(f))));
for (const { dir, python } of pyTests) {
  if (python === clientVenv && !process.env.MLCYCLE_CLIENT_PYTHON && !installClient()) {
    console.log(`# ${dir}: failed (the client could not be installed from clients/python)`);
    failed += 1;
    continue;
  }
  if (!python || !existsSync(python)) {
    console.log(`# ${dir}: skipped (no venv; run \`npm run stack:setup\`)`);
    skipped += 1;
    continue;
  }
  const r = spawnSync(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', dir], { cwd: root, encoding: 'utf8' });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  const tail = (r.stdout ?? '').split('\n').reverse().find((l) => /\d+ (passed|failed|error)/.test(l)) ?? '';
  const n = (k) => Number((tail.match(new RegExp(`(\\d+) ${k}`)) ?? [])[1] ?? 0);
  passed += n('passed');
  failed += n('failed') + n('errors?');
  skipped += n('skipped');
  if (r.status !== 0 && r.status !== 5 && n('failed') + n('errors?') === 0) failed += 1;
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
