/*
 * The Python client's world: the dashboard world (the real app on a dev host over the fakes) run as a process of its
 * own for the client's pytest suite. It prints one JSON line, `{"url", "key", "control"}`, and stops when its stdin
 * closes (the suite ends, or dies). `control` is a loopback endpoint through which the tests steer the fakes:
 *   POST /seed {id, overrides?}          register a pipeline with the example's shape (its repository and data exist)
 *   POST /metrics {id, metrics}          the metrics the next trainings of that pipeline log
 *   POST /training {finalState}          how fake trainings end from now on: "success" or "failed"
 *   GET  /spec                           the example pipeline's spec, as the API takes it
 * Run: node --import tsx test/support/client-world.ts
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { pipelineSpec } from '../fakes/seed.js';
import { dashboardKeys, startDashboardWorld } from './dashboard-world.js';

const world = await startDashboardWorld({ trainingMs: 300 });

const seedBody = z.object({ id: z.string(), overrides: z.record(z.string(), z.unknown()).default({}) });
const metricsBody = z.object({ id: z.string(), metrics: z.record(z.string(), z.number()) });
const trainingBody = z.object({ finalState: z.enum(['success', 'failed']) });

async function json(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text ? JSON.parse(text) : {};
}

const control = createServer((req, res) => {
  const answer = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const act = async (): Promise<unknown> => {
    if (req.method === 'GET' && req.url === '/spec') return pipelineSpec();
    const body = await json(req);
    if (req.url === '/seed') {
      const { id, overrides } = seedBody.parse(body);
      await world.pipeline(id, overrides);
      return { id };
    }
    if (req.url === '/metrics') {
      const { id, metrics } = metricsBody.parse(body);
      world.fakes.metrics.set(id, metrics);
      return { id };
    }
    if (req.url === '/training') {
      world.fakes.scheduler.finalState = trainingBody.parse(body).finalState;
      return {};
    }
    throw new Error(`no control ${req.method ?? ''} ${req.url ?? ''}`);
  };
  act().then(
    (body) => answer(200, body),
    (e: unknown) => answer(400, { error: e instanceof Error ? e.message : String(e) }),
  );
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;

process.stdout.write(`${JSON.stringify({ url: world.baseUrl, key: dashboardKeys.functionKey, control: controlUrl })}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  control.close();
  await world.stop();
  process.exit(0);
};
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
process.on('SIGTERM', () => void stop());
