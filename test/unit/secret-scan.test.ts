import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { configuredSecrets, describeScan, scanRunFiles, teeProcessOutput } from '../../stack/secret-scan/index.js';

/*
 * The secret scan the end-to-end test and the demo run over their logs and durable histories: which settings count
 * as secrets, and that a secret planted in a log or a history is found as is, base64-encoded or URL-encoded, and
 * reported by file and name without its value.
 */

const azuriteKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const settings = {
  AzureWebJobsStorage: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${azuriteKey};QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;`,
  COSMOS_ENDPOINT: 'http://127.0.0.1:8081',
  COSMOS_KEY: 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU9DDjz3nuA6VcWmSSMT+anEjuoqkBCmyxrUBIUd1Wa9XkTNg==',
  MLCYCLE_FUNCTION_KEY: 'unit-function-key',
  MLCYCLE_MASTER_KEY: 'unit-master-key',
  AIRFLOW_CALLBACK_SECRET: 'callback secret/with+odd=chars',
  AIRFLOW_USERNAME: 'admin',
  AIRFLOW_PASSWORD: 'pw',
  S3_ACCESS_KEY_ID: 'mlcycle-access-key-id',
  S3_SECRET_ACCESS_KEY: 's3-secret-0123456789',
  MLFLOW_TRACKING_URI: 'http://tracker:tracking-pass-42@127.0.0.1:5000',
  CONTINUATION_TOKEN_KEY: 'continuation-token-key-0123',
  TASK_HUB_NAME: 'mlcycle',
  PATH: '/usr/bin:/bin',
  COSMOS_CREATE_CONTAINERS: 'true',
};

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A run directory laid out as the e2e test's: stack logs, Airflow task logs, durable histories, and non-log state. */
function runDir(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlcycle-scan-'));
  dirs.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}

const roots = (dir: string) => ({ logs: [dir], histories: [join(dir, 'durable')] });
const names = (list: { name: string }[]) => list.map((s) => s.name).sort();

describe('configured secrets', () => {
  it('are taken from every setting whose name marks a secret, connection-string keys and URL passwords, not from ids or names', () => {
    const s = configuredSecrets(settings);
    assert.deepEqual(names(s.scanned), [
      'AIRFLOW_CALLBACK_SECRET', 'AzureWebJobsStorage AccountKey', 'CONTINUATION_TOKEN_KEY', 'COSMOS_KEY',
      'MLCYCLE_FUNCTION_KEY', 'MLCYCLE_MASTER_KEY', 'MLFLOW_TRACKING_URI password', 'S3_SECRET_ACCESS_KEY',
    ]);
    assert.equal(s.scanned.find((x) => x.name === 'AzureWebJobsStorage AccountKey')?.value, azuriteKey);
    assert.equal(s.scanned.find((x) => x.name === 'MLFLOW_TRACKING_URI password')?.value, 'tracking-pass-42');
    // Too short to search for without drowning in false hits, but reported, never silently dropped.
    assert.deepEqual(s.tooShort, ['AIRFLOW_PASSWORD']);
  });

  it('adds the secrets the run holds outside its settings, and lists a value once under its first name', () => {
    const s = configuredSecrets({ MLCYCLE_FUNCTION_KEY: 'same-value-1234' }, { 'durable system key': 'system-key-abcdefgh', 'host function key': 'same-value-1234', unset: undefined });
    assert.deepEqual(names(s.scanned), ['MLCYCLE_FUNCTION_KEY', 'durable system key']);
  });
});

describe('the secret scan', () => {
  const secret = settings.S3_SECRET_ACCESS_KEY;
  const odd = settings.AIRFLOW_CALLBACK_SECRET;

  it('finds a secret planted in a log as is, in a durable history base64-encoded, and URL-encoded, by file and name', () => {
    const dir = runDir({
      'stack/airflow/home/logs/dag_id=d/run_id=r/task_id=t/attempt=1.log': `INFO - connecting with ${secret} now\n`,
      'durable/instances/i-run/history.jsonl': `{"e":[{"input":"${Buffer.from(`{"s3":"${secret}"}`).toString('base64')}"}]}\n`,
      'stack/mlflow/mlflow.log': `GET /api?cb=${encodeURIComponent(odd)} 200\n`,
      'logs/console.log': `Authorization: Basic ${Buffer.from(`admin:${secret}`).toString('base64')}\n`,
    });
    const report = scanRunFiles({ roots: roots(dir), secrets: configuredSecrets(settings) });
    assert.equal(report.files.length, 4);
    const found = report.hits.map((h) => `${h.file.slice(dir.length + 1)} ${h.secret} ${h.encoding}`).sort();
    assert.deepEqual(found, [
      'durable/instances/i-run/history.jsonl S3_SECRET_ACCESS_KEY base64',
      'logs/console.log S3_SECRET_ACCESS_KEY base64',
      'stack/airflow/home/logs/dag_id=d/run_id=r/task_id=t/attempt=1.log S3_SECRET_ACCESS_KEY plain',
      'stack/mlflow/mlflow.log AIRFLOW_CALLBACK_SECRET url-encoded',
    ]);
    const text = describeScan(report, dir);
    assert.match(text, /^secret scan: 4 files, 4 hits/);
    assert.match(text, /stack\/mlflow\/mlflow\.log: AIRFLOW_CALLBACK_SECRET \(url-encoded\)/);
    for (const s of configuredSecrets(settings).scanned) assert.ok(!text.includes(s.value), `the report shows the value of ${s.name}`);
    assert.match(text, /shorter than 8 characters, not scanned: AIRFLOW_PASSWORD/);
  });

  it('finds base64url, JSON-escaped and lower-case percent-encoded forms too', () => {
    const urlUnsafe = '~~>>>??? ~~>>>???';
    const dir = runDir({
      // Bytes whose base64 needs the characters base64url replaces (+ and /), two bytes into the encoded text.
      'a.log': Buffer.from(`xx${urlUnsafe}`).toString('base64url'),
      'b.log': JSON.stringify({ v: 'quote"and\\backslash-secret' }),
      'c.log': encodeURIComponent(odd).toLowerCase(),
    });
    const report = scanRunFiles({ roots: roots(dir), secrets: configuredSecrets({ ...settings, OTHER_SECRET: 'quote"and\\backslash-secret', BINARY_TOKEN: urlUnsafe }) });
    assert.deepEqual(report.hits.map((h) => `${h.secret} ${h.encoding}`).sort(), [
      'AIRFLOW_CALLBACK_SECRET url-encoded', 'BINARY_TOKEN base64url', 'OTHER_SECRET json-escaped',
    ]);
  });

  it('reads logs (*.log, anything under logs/) and every history file, but not the stack\'s credential files', () => {
    const dir = runDir({
      'stack/s3/credentials.json': JSON.stringify({ secretAccessKey: secret }),
      'stack/airflow/home/simple_auth_manager_passwords.json.generated': `{"admin": "${secret}"}`,
      'stack/s3/minio.log': 'API: SYSTEM started\n',
      'stack/airflow/home/logs/scheduler/latest/x.py.log': 'parsed\n',
      'logs/devhost.log': 'info host started\n',
      'durable/instances/i-a/state.json': '{"status":"Completed"}',
    });
    const report = scanRunFiles({ roots: roots(dir), secrets: configuredSecrets(settings) });
    assert.deepEqual(report.files.map((f) => f.slice(dir.length + 1)).sort(), [
      'durable/instances/i-a/state.json', 'logs/devhost.log', 'stack/airflow/home/logs/scheduler/latest/x.py.log', 'stack/s3/minio.log',
    ]);
    assert.deepEqual(report.hits, []);
    assert.match(describeScan(report, dir), /^secret scan: 4 files, 0 hits/);
  });

  it('keeps a copy of what the process writes to stdout and stderr, for the scan', () => {
    const dir = runDir({});
    const file = join(dir, 'logs', 'console.log');
    const tee = teeProcessOutput(file);
    process.stdout.write(`planted ${secret} on stdout\n`);
    process.stderr.write(Buffer.from(`planted ${encodeURIComponent(odd)} on stderr\n`));
    tee.stop();
    process.stdout.write('after the tee stopped\n');
    const report = scanRunFiles({ roots: roots(dir), secrets: configuredSecrets(settings) });
    assert.deepEqual(report.hits.map((h) => `${h.secret} ${h.encoding}`).sort(), ['AIRFLOW_CALLBACK_SECRET url-encoded', 'S3_SECRET_ACCESS_KEY plain']);
  });
});
