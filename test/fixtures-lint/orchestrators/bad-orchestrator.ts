// A deliberately broken orchestrator: every line below must trip the determinism fence (test/orchestration/lint-fence.test.ts).
// The default `npm run lint` ignores this folder; the test lints it explicitly.
import { QueueClient } from '@azure/storage-queue';
import { createHash } from 'crypto';
import { readFileSync } from 'node:fs';
import type { OrchestrationContext } from 'durable-functions';

/** Everything an orchestrator must not do. */
export function* badOrchestrator(context: OrchestrationContext): Generator<unknown, void, unknown> {
  const started = Date.now();
  const when = new Date();
  const dice = Math.random();
  const region = process.env.REGION;
  const file = readFileSync('x');
  const hash = createHash('md5');
  const queue = new QueueClient('UseDevelopmentStorage=true', 'q');
  setTimeout(() => undefined, 10);
  yield context.df.callActivity('noop', { started, when, dice, region, file, hash, queue });
}

/** Orchestrators cannot be async. */
export async function asyncHelper(): Promise<number> {
  return fetch('http://127.0.0.1').then((r) => r.status);
}
