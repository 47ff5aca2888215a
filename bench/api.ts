/*
 * `npm run bench:api`: the compiled app on the dev host (as `npm start` runs it, embedded Cosmos server and Azurite),
 * driven over HTTP with keep-alive for a fixed time: reads of one pipeline, then replaces of it. Ends with one JSON
 * line: {"getPerSec", "getP99Ms", "putPerSec", "putP99Ms"}.
 *   BENCH_SECONDS (default 10 per phase), BENCH_CONCURRENCY (default 8)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const key = 'mlcycle-local-dev-key';
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function call(port: number, method: string, path: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, agent, headers: { 'x-functions-key': key, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function phase(port: number, method: string, path: string, body?: string): Promise<{ perSec: number; p99: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const status = await call(port, method, path, body);
        latencies.push(performance.now() - t);
        if (status >= 300) errors++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0;
  return { perSec: Math.round(latencies.length / seconds), p99: Math.round(p99 * 10) / 10, errors };
}

async function main(): Promise<void> {
  // A fresh state folder: npm start's default (.mlcycle/local) would keep what earlier runs wrote.
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'warn', MLCYCLE_STATE_DIR: mkdtempSync(join(tmpdir(), 'mlcycle-bench-api-')) };
  for (const k of ['COSMOS_ENDPOINT', 'COSMOS_KEY', 'AzureWebJobsStorage', 'MLCYCLE_FUNCTION_KEY']) delete env[k];
  const host = spawn(process.execPath, ['dist/devhost/main.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  host.stdout.on('data', (b: Buffer) => (out += b.toString()));
  // PORT=0: the host binds a port the OS picks and says which.
  let listening: RegExpExecArray | null;
  while (!(listening = /Host listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out))) {
    if (host.exitCode !== null) throw new Error(`dev host exited:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const port = Number(listening[1]);
  try {
    const body = readFileSync(new URL('../examples/pipeline.json', import.meta.url), 'utf8');
    if ((await call(port, 'PUT', '/api/pipelines/bench', body)) >= 300) throw new Error('could not create the benchmark pipeline');
    await phase(port, 'GET', '/api/pipelines/bench'); // warm-up is not reported
    const get = await phase(port, 'GET', '/api/pipelines/bench');
    const put = await phase(port, 'PUT', '/api/pipelines/bench', body);
    if (get.errors + put.errors > 0) console.error(`errors: get ${get.errors}, put ${put.errors}`);
    console.log(JSON.stringify({ getPerSec: get.perSec, getP99Ms: get.p99, putPerSec: put.perSec, putP99Ms: put.p99, seconds, concurrency }));
  } finally {
    host.kill('SIGTERM');
    await new Promise((r) => host.once('exit', r));
    agent.destroy();
  }
}

await main();
