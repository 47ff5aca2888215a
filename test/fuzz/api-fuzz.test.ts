import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { ensureVenv, startMlflow, startS3, type MlflowEndpoint, type S3Endpoint } from '../../stack/index.js';
import { appRoot, functionKey, startAppHost, type AppHost } from '../support/app-host.js';
import { fuzzPython, fuzzSettings, summarise, type FuzzReport } from './fuzz-report.js';
import { startStateDigestServer, type StateDigestServer } from './state-digest.js';

/*
 * Fuzzing the HTTP API with schemathesis (the pinned `fuzz` venv of `npm run stack:setup`) against the dev host
 * running the real app with its embedded Azurite and Cosmos server, as `npm start` runs it, and a real MLflow (with its
 * S3 store) for the routes that read the model registry as they answer (rollback): hostile model names and versions
 * reach MLflow's REST API. Airflow and the rest of the ML stack are absent: runs started here fail at their first
 * step, which the API must report, not 5xx.
 * Every phase runs (examples, coverage, fuzzing, and the stateful phase that follows the document's `links`), with
 * every built-in check and the custom one in fuzz_hooks.py (a rejected request changes nothing), on a fixed seed.
 * The figures come from schemathesis' JSON report, not its screen output.
 */

const airflowSecret = 'fuzz-airflow-callback-secret';
let app: AppHost;
let digest: StateDigestServer;
let s3: S3Endpoint | undefined;
let mlflow: MlflowEndpoint | undefined;
let stackDir: string;

before(async () => {
  stackDir = mkdtempSync(join(tmpdir(), 'mlcycle-fuzz-stack-'));
  s3 = await startS3({ stateDir: join(stackDir, 's3') });
  mlflow = await startMlflow({ s3, venv: await ensureVenv('ml'), stateDir: join(stackDir, 'mlflow') });
  app = await startAppHost({ env: { AIRFLOW_CALLBACK_SECRET: airflowSecret, MLFLOW_TRACKING_URI: mlflow.url } });
  digest = await startStateDigestServer(app);
});
after(async () => {
  await digest?.stop();
  await app?.stop();
  await mlflow?.stop();
  await s3?.stop();
  rmSync(stackDir, { recursive: true, force: true });
});

function runSchemathesis(python: string, reportDir: string): Promise<number> {
  const { seed, maxExamples } = fuzzSettings();
  const st = join(python, '..', 'st');
  const args = [
    '--config-file', join(appRoot, 'test', 'fuzz', 'schemathesis.toml'),
    'run', `${app.host.baseUrl}/api/openapi.json`,
    '--header', `x-functions-key: ${functionKey}`,
    '--header', `X-Mlcycle-Callback-Secret: ${airflowSecret}`,
    '--checks', 'all',
    '--seed', String(seed),
    '--max-examples', String(maxExamples),
    // Deterministic generation also keeps no example database: each run starts from the seed alone.
    '--generation-deterministic',
    // One worker: the state check compares digests around each request, which a concurrent request would disturb.
    '--workers', '1',
    '--report', 'json,junit',
    '--report-dir', reportDir,
    '--no-color',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(st, args, {
      // Schemathesis keeps state in `.schemathesis/` of its working directory: the scratch directory, not the clone.
      cwd: reportDir,
      env: { ...process.env, SCHEMATHESIS_HOOKS: 'fuzz_hooks', PYTHONPATH: join(appRoot, 'test', 'fuzz'), MLCYCLE_FUZZ_DIGEST_URL: digest.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Schemathesis' own account of each failure (with `st replay` ids) is what a reader needs when this test fails.
    child.stdout.on('data', (d: Buffer) => process.stderr.write(d));
    child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
}

it('schemathesis finds no server error, no schema violation and no state change from a rejected request', async () => {
  const python = fuzzPython();
  assert.ok(
    python !== undefined && existsSync(python),
    'the fuzz venv is missing: run `npm run stack:setup` (or set MLCYCLE_FUZZ_PYTHON to a Python with schemathesis 4)',
  );
  const reportDir = mkdtempSync(join(tmpdir(), 'mlcycle-fuzz-'));
  try {
    const started = Date.now();
    const exitCode = await runSchemathesis(python, reportDir);
    const reportFile = readdirSync(reportDir).find((f) => f.startsWith('json') && f.endsWith('.json'));
    assert.ok(reportFile, `schemathesis wrote no JSON report (exit code ${exitCode})`);
    const report = JSON.parse(readFileSync(join(reportDir, reportFile), 'utf8')) as FuzzReport;
    const figures = summarise(report);
    console.log(JSON.stringify({ ...figures, seed: report.seed, seconds: Math.round((Date.now() - started) / 1000) }));
    assert.equal(report.complete, true, `the run stopped early: ${report.stop_reason}`);
    assert.ok(figures.cases > 0, 'schemathesis generated no test case');
    assert.deepEqual(
      { serverErrors: figures.serverErrors, schemaViolations: figures.schemaViolations, stateChangesFromRejected: figures.stateChangesFromRejected, errors: figures.errors },
      { serverErrors: 0, schemaViolations: 0, stateChangesFromRejected: 0, errors: 0 },
      `failures by kind: ${JSON.stringify(report.failures)}; errors: ${JSON.stringify(report.errors)}`,
    );
    assert.equal(exitCode, 0, 'schemathesis reported a failure the figures above do not name');
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
});
