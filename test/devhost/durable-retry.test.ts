import assert from 'node:assert/strict';
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

const timersOf = (id: string) => (h.engine.readHistory(id) ?? []).filter((e) => e.EventType === EventType.TimerCreated);

test('a failing activity is retried after host-written back-off timers and then succeeds', async () => {
  h.control.flakyFailures = 2;
  const id = await h.start('retryOne', 'in');
  await h.engine.idle();
  assert.equal(h.control.calls.get('flaky')?.length, 1);
  assert.equal(h.engine.getStatus(id)?.runtimeStatus, 'Running');
  const [t1] = timersOf(id);
  assert.ok(t1, 'a retry timer was written after the first failure');
  const t0 = h.clock.now();
  assert.equal(Date.parse(t1.FireAt!) - t0, 1000);

  await h.advance(999);
  assert.equal(h.control.calls.get('flaky')?.length, 1, 'no retry before the first interval has passed');
  await h.advance(1);
  assert.equal(h.control.calls.get('flaky')?.length, 2);
  const t2 = timersOf(id)[1];
  assert.ok(t2);
  assert.equal(Date.parse(t2.FireAt!) - h.clock.now(), 2000, 'backoff coefficient 2 doubles the second delay');

  await h.advance(2000);
  const s = await h.until(id, 'Completed', 'Failed');
  assert.equal(s.runtimeStatus, 'Completed', JSON.stringify(s.output));
  assert.deepEqual(s.output, { r: { ok: 'in' }, after: 'after' });
  assert.equal(h.control.calls.get('flaky')?.length, 3);

  // Sequence numbers: attempt 0, timer 1, attempt 2, timer 3, attempt 4, then the echo activity 5.
  const scheduled = (h.engine.readHistory(id) ?? []).filter((e) => e.EventType === EventType.TaskScheduled).map((e) => [e.EventId, e.Name]);
  assert.deepEqual(scheduled, [
    [0, 'flaky'],
    [2, 'flaky'],
    [4, 'flaky'],
    [5, 'echo'],
  ]);
});

test('retries exhausted: the instance fails with the activity error, AppError code intact', async () => {
  const before = h.control.calls.get('alwaysFails')?.length ?? 0;
  const id = await h.start('retryExhausted');
  for (let i = 0; i < 3; i++) await h.advance(1000);
  const s = await h.until(id, 'Completed', 'Failed');
  assert.equal(s.runtimeStatus, 'Failed');
  assert.equal((h.control.calls.get('alwaysFails')?.length ?? 0) - before, 3, 'maxNumberOfAttempts 3 means three runs');
  const out = String(s.output);
  assert.match(out, /^Orchestrator function 'retryExhausted' failed: /);
  assert.match(out, /Activity function 'alwaysFails' failed: this never works/);
  const json = JSON.parse(out.slice(out.indexOf('{'))) as { code: string; details: unknown };
  assert.equal(json.code, 'PERMANENT');
  assert.deepEqual(json.details, { input: 'x' });
});

test('an orchestrator can catch the final failure of a retried activity', async () => {
  const id = await h.start('retryCaught');
  await h.advance(500);
  await h.advance(500);
  const s = await h.until(id, 'Completed', 'Failed');
  assert.equal(s.runtimeStatus, 'Completed');
  assert.match((s.output as { caught: string }).caught, /this never works/);
});

test('a sub-orchestration is retried (same chosen instance id) and a plain one gets a derived id', async () => {
  h.control.childStepFailures = 1;
  const id = await h.start('parent', 'p1', 'parent-1');
  await h.engine.idle();
  const child = h.engine.getStatus('parent-1-child');
  assert.equal(child?.runtimeStatus, 'Failed', 'the first child attempt failed');
  assert.equal(h.engine.getStatus(id)?.runtimeStatus, 'Running');
  await h.advance(2000);
  const s = await h.until(id, 'Completed', 'Failed');
  assert.equal(s.runtimeStatus, 'Completed', JSON.stringify(s.output));
  assert.deepEqual(s.output, { r: { v: 'child:p1', parent: 'parent-1' }, plain: { v: 'child:plain', parent: 'parent-1' } });
  assert.equal(h.engine.getStatus('parent-1-child')?.runtimeStatus, 'Completed');
  const created = (h.engine.readHistory(id) ?? []).filter((e) => e.EventType === EventType.SubOrchestrationInstanceCreated);
  assert.equal(created.length, 3);
  assert.equal(created[0]!.InstanceId, 'parent-1-child');
  assert.equal(created[1]!.InstanceId, 'parent-1-child');
  assert.match(created[2]!.InstanceId!, /:\d+$/);
  assert.equal(h.engine.getStatus(created[2]!.InstanceId!)?.runtimeStatus, 'Completed');
});

test('the retry timeout stops further runs; the remaining attempts fail without running', async () => {
  const runs = () => (h.control.calls.get('alwaysFails') ?? []).filter((v) => v === 'z').length;
  const id = await h.start('retryTimeout');
  await h.engine.idle();
  assert.equal(runs(), 1);
  await h.advance(1000);
  assert.equal(runs(), 2, 'second attempt inside the 1500 ms retry timeout');
  await h.advance(1000);
  const s = await h.until(id, 'Completed', 'Failed');
  assert.equal(s.runtimeStatus, 'Failed');
  assert.equal(runs(), 2, 'no attempt runs once the retry timeout has passed');
  assert.match(String(s.output), /Retry timeout expired: Activity function 'alwaysFails' failed: this never works/);
  const attempts = (h.engine.readHistory(id) ?? []).filter((e) => e.EventType === EventType.TaskScheduled);
  assert.equal(attempts.length, 5, 'the SDK still sees all five attempts');
});
