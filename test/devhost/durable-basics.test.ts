import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startHarness } from '../fixtures/durable-app/harness.js';
import type { Harness } from '../fixtures/durable-app/harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
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
