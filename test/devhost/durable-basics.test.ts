import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startHarness } from '../fixtures/durable-app/harness.js';
import type { Harness } from '../fixtures/durable-app/harness.js';

let h: Harness;
before(async () => {
  h = await startHarness({ maxConcurrentActivities: 2 });
});
after(async () => {
  await h.close();
});

test('an activity chain runs to completion with each result fed to the next step', async () => {
  const id = await h.start('chain', 5);
  const s = await h.until(id, 'Completed', 'Failed');
  assert.equal(s.runtimeStatus, 'Completed', JSON.stringify(s));
  assert.deepEqual(s.output, { a: 10, b: 20 });
  assert.deepEqual(h.control.calls.get('double'), [5]);
  assert.deepEqual(h.control.calls.get('addTen'), [10]);
});

/** Let queued callbacks and I/O run for a while (no timing involved: the check is on counts). */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

test('activities across instances never run more than maxConcurrentActivities at once', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push(await h.start('gated', i));
  for (let i = 0; i < 200 && h.control.gates.length < 2; i++) await turns(1);
  await turns(50);
  assert.equal(h.control.gates.length, 2, 'two activities started, three wait for a slot');
  h.control.gates.shift()!();
  for (let i = 0; i < 200 && h.control.gates.length < 2; i++) await turns(1);
  await turns(50);
  assert.equal(h.control.gates.length, 2, 'a finished activity frees exactly one slot');
  assert.equal(h.control.calls.get('gate')?.length, 3);
  const allDone = () => ids.every((id) => h.engine.getStatus(id)?.runtimeStatus === 'Completed');
  for (let i = 0; i < 2000 && !allDone(); i++) {
    h.control.gates.shift()?.();
    await turns(1);
  }
  const outputs = ids.map((id) => h.engine.getStatus(id)?.output);
  assert.deepEqual(outputs, [0, 1, 2, 3, 4]);
});
