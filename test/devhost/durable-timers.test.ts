import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { EventType } from '../../devhost/durable/history-events.js';
import { startHarness } from '../fixtures/durable-app/harness.js';
import type { Harness } from '../fixtures/durable-app/harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

const hour = 3600_000;

test('durable timers: two 24-hour waits pass on the manual clock and currentUtcDateTime follows it', async () => {
  const t0 = h.clock.now();
  const id = await h.start('sleeper');
  await h.engine.idle();
  assert.equal(h.engine.getStatus(id)?.runtimeStatus, 'Running');
  await h.advance(24 * hour - 1);
  assert.equal(h.control.calls.get('echo')?.includes('midway') ?? false, false, 'still asleep one ms before the timer');
  await h.advance(1);
  assert.ok(h.control.calls.get('echo')?.includes('midway'));
  await h.advance(24 * hour);
  const s = await h.until(id, 'Completed', 'Failed');
  assert.equal(s.runtimeStatus, 'Completed');
  const out = s.output as { start: string; end: string };
  assert.equal(Date.parse(out.start), t0);
  assert.equal(Date.parse(out.end), t0 + 48 * hour);
  const fired = (h.engine.readHistory(id) ?? []).filter((e) => e.EventType === EventType.TimerFired);
  assert.equal(fired.length, 2);
});

test('Task.any: the external event wins, the timer is cancelled and never fires', async () => {
  const id = await h.start('approval', undefined, 'approval-event');
  await h.engine.idle();
  assert.equal(await h.engine.raiseEvent(id, 'approve', JSON.stringify({ by: 'ana' })), 'accepted');
  const s = await h.until(id, 'Completed', 'Failed');
  assert.deepEqual(s.output, { approved: { by: 'ana' } });
  await h.advance(2 * hour);
  const history = h.engine.readHistory(id) ?? [];
  assert.equal(history.filter((e) => e.EventType === EventType.TimerFired).length, 0);
  const journal = await readFile(path.join(h.engine.store.dirOf(id), 'history.jsonl'), 'utf8');
  assert.match(journal, /"cancel":\[0\]/, 'the cancelled timer (sequence id 0: the event took none) is recorded as cancelled');
});

test('Task.any: the timer wins when no event arrives in time', async () => {
  const id = await h.start('approval', undefined, 'approval-timeout');
  await h.engine.idle();
  await h.advance(hour);
  const s = await h.until(id, 'Completed', 'Failed');
  assert.deepEqual(s.output, { timedOut: true });
  assert.equal(await h.engine.raiseEvent(id, 'approve', 'true'), 'gone', 'a finished instance answers 410 semantics');
});

test('Task.all fans out activities and gathers their results in order', async () => {
  h.control.calls.set('double', []);
  const id = await h.start('fanOut', [1, 2, 3, 4, 5]);
  const s = await h.until(id, 'Completed', 'Failed');
  assert.deepEqual(s.output, { results: [2, 4, 6, 8, 10], total: 40 });
  assert.deepEqual([...(h.control.calls.get('double') ?? [])].sort(), [1, 2, 3, 4, 5]);
  const scheduled = (h.engine.readHistory(id) ?? []).filter((e) => e.EventType === EventType.TaskScheduled).map((e) => e.EventId);
  assert.deepEqual(scheduled, [0, 1, 2, 3, 4, 5]);
});

test('continueAsNew restarts the stored history each generation and ends with the final output', async () => {
  const id = await h.start('counter', { n: 0, max: 5 }, 'counter-1');
  const sizes: number[] = [];
  for (let i = 0; i < 5; i++) {
    await h.advance(60_000);
    const journal = await readFile(path.join(h.engine.store.dirOf(id), 'history.jsonl'), 'utf8');
    sizes.push(journal.split('\n').filter(Boolean).length);
  }
  const s = await h.until(id, 'Completed', 'Failed');
  assert.equal(s.runtimeStatus, 'Completed');
  assert.deepEqual(s.output, { n: 5 });
  assert.deepEqual(s.customStatus, { n: 5 });
  assert.ok(Math.max(...sizes) <= 8, `journal stays bounded: ${sizes.join(',')}`);
  const history = h.engine.readHistory(id) ?? [];
  assert.equal(history.filter((e) => e.EventType === EventType.ExecutionStarted).length, 1);
  assert.ok(history.length < 10, `only the last generation's history is kept (${history.length} events)`);
  assert.equal(history.find((e) => e.EventType === EventType.ExecutionStarted)?.Input, JSON.stringify({ n: 5, max: 5 }));
});
