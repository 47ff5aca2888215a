import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { airflowHealth } from '../../shared/adapters/airflow/airflow-health.js';

/*
 * Airflow's health from its component report, against an HTTP server answering Airflow's documented
 * `GET /api/v2/monitor/health` (and Airflow 2's `/api/v1/health`) bodies: an API that answers while its scheduler is
 * dead is down, and the detail names the component.
 */

const beat = '2026-01-05T06:00:00.000000+00:00';
let body: unknown;
let server: Server;
let baseUrl: string;
const paths: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const report = (scheduler: string, triggerer: string | null = 'healthy') => ({
  metadatabase: { status: 'healthy' },
  scheduler: { status: scheduler, latest_scheduler_heartbeat: beat },
  triggerer: { status: triggerer, latest_triggerer_heartbeat: triggerer === null ? null : beat },
  dag_processor: { status: 'healthy', latest_dag_processor_heartbeat: beat },
});

describe('Airflow component health', () => {
  it('is up when every component reports healthy (a triggerer never started is not reported)', async () => {
    body = report('healthy', null);
    const h = await airflowHealth(baseUrl, 3).check();
    assert.equal(h.status, 'up', h.detail);
    assert.equal(paths.at(-1), '/api/v2/monitor/health');
  });

  it('is down, naming the scheduler and its last heartbeat, when the scheduler is unhealthy', async () => {
    body = report('unhealthy');
    const h = await airflowHealth(baseUrl, 3).check();
    assert.equal(h.status, 'down');
    assert.equal(h.detail, `scheduler unhealthy (last heartbeat ${beat})`);
  });

  it('reads Airflow 2 at /api/v1/health the same way', async () => {
    body = { metadatabase: { status: 'unhealthy' }, scheduler: { status: 'healthy', latest_scheduler_heartbeat: beat } };
    const h = await airflowHealth(baseUrl, 2).check();
    assert.equal(paths.at(-1), '/api/v1/health');
    assert.equal(h.status, 'down');
    assert.equal(h.detail, 'metadatabase unhealthy');
  });

  it('is down when the answer is not a component report', async () => {
    body = { hello: 'world' };
    const h = await airflowHealth(baseUrl, 3).check();
    assert.equal(h.status, 'down');
    assert.match(h.detail ?? '', /without its components/);
  });
});
