import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { EventType } from '../../devhost/durable/history-events.js';
import { recordHistory } from '../../devhost/durable/history-recorder.js';
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

test('custom status is visible while running and raise event delivers data', async () => {
  const id = await h.start('statusy');
  await h.engine.waitFor(id, (s) => (s.customStatus as { stage?: string } | null)?.stage === 'two');
  assert.equal(h.engine.getStatus(id)?.runtimeStatus, 'Running');
  assert.equal(await h.engine.raiseEvent(id, 'go', JSON.stringify([1, 'two'])), 'accepted');
  const s = await h.until(id, 'Completed');
  assert.deepEqual(s.output, { got: [1, 'two'] });
  assert.deepEqual(s.customStatus, { stage: 'three' });
});

test('an event raised before the orchestrator waits for it is kept and delivered later', async () => {
  const id = await h.start('timerThenEcho', undefined, 'early-event');
  assert.equal(await h.engine.raiseEvent(id, 'unused', 'null'), 'accepted');
  await h.advance(hour);
  const s = await h.until(id, 'Completed');
  assert.equal(s.output, 'late');
  assert.equal(await h.engine.raiseEvent('no-such-instance', 'go', null), 'not-found');
});

test('start is refused while an instance with that id is Running; a finished one is restarted fresh', async () => {
  const id = await h.start('waiter', undefined, 'singleton');
  const again = await h.engine.startNew('waiter', { instanceId: id });
  assert.equal(again.ok, false);
  assert.equal(!again.ok && again.code, 'conflict');
  assert.match(!again.ok ? again.message : '', /An Orchestration instance with the status (Running|Pending) already exists/);
  await h.engine.raiseEvent(id, 'go', '"first"');
  const done = await h.until(id, 'Completed');
  assert.deepEqual(done.output, { second: 'first' });
  const restarted = await h.engine.startNew('waiter', { instanceId: id, input: { fresh: true } });
  assert.equal(restarted.ok, true);
  const s = h.engine.getStatus(id, { showHistory: true });
  assert.notEqual(s?.runtimeStatus, 'Completed');
  assert.deepEqual(s?.input, { fresh: true });
  assert.ok((s?.historyEvents ?? []).length <= 4, 'the old execution history is gone');
  await h.engine.raiseEvent(id, 'go', '"second"');
  assert.deepEqual((await h.until(id, 'Completed')).output, { second: 'second' });
});

test('terminate stops a waiting instance; further operations answer gone', async () => {
  const id = await h.start('waiter', undefined, 'to-terminate');
  await h.engine.idle();
  assert.equal(await h.engine.terminate(id, 'no longer needed'), 'accepted');
  const s = await h.until(id, 'Terminated');
  assert.equal(s.output, 'no longer needed');
  assert.equal(await h.engine.terminate(id, 'again'), 'gone');
  assert.equal(await h.engine.raiseEvent(id, 'go', 'null'), 'gone');
  const history = h.engine.readHistory(id) ?? [];
  assert.ok(history.some((e) => e.EventType === EventType.ExecutionTerminated));
});

test('suspend holds arrivals (events and timers) until resume', async () => {
  const lateCalls = () => (h.control.calls.get('echo') ?? []).filter((v) => v === 'late').length;
  const before = lateCalls();
  const id = await h.start('timerThenEcho', undefined, 'to-suspend');
  await h.engine.idle();
  assert.equal(await h.engine.suspend(id, 'pause'), 'accepted');
  await h.until(id, 'Suspended');
  await h.advance(2 * hour);
  assert.equal(h.engine.getStatus(id)?.runtimeStatus, 'Suspended', 'the timer fired but the orchestrator did not run');
  assert.equal(lateCalls(), before);
  assert.equal(await h.engine.resume(id, 'go on'), 'accepted');
  const s = await h.until(id, 'Completed');
  assert.equal(s.output, 'late');
  const types = (h.engine.readHistory(id) ?? []).map((e) => e.EventType);
  assert.ok(types.indexOf(EventType.ExecutionSuspended) < types.indexOf(EventType.ExecutionResumed));
  assert.ok(types.indexOf(EventType.ExecutionResumed) < types.indexOf(EventType.TimerFired));
});

test('purge deletes a finished instance and refuses a running one', async () => {
  const running = await h.start('waiter', undefined, 'purge-running');
  assert.equal(await h.engine.purge(running), 'not-terminal');
  const done = await h.start('chain', 1, 'purge-done');
  await h.until(done, 'Completed');
  assert.equal(await h.engine.purge(done), 'purged');
  assert.equal(h.engine.getStatus(done), undefined);
  assert.equal(await h.engine.purge(done), 'not-found');
  await h.engine.terminate(running, 'cleanup');
  await h.until(running, 'Terminated');
});

test('non-determinism: a changed orchestrator fails the instance, naming the recorded and the replayed action', async () => {
  h.control.driftVariant = 'a';
  const id = await h.start('drift', undefined, 'drifter');
  await h.engine.idle();
  assert.equal(h.engine.getStatus(id)?.runtimeStatus, 'Running');
  h.control.driftVariant = 'b';
  await h.engine.raiseEvent(id, 'go', 'null');
  const s = await h.until(id, 'Failed', 'Completed');
  assert.equal(s.runtimeStatus, 'Failed');
  const msg = String(s.output);
  assert.match(msg, /Non-Deterministic workflow detected/);
  assert.match(msg, /activity 'double'/, msg);
  assert.match(msg, /replay scheduled timer/, msg);
  h.control.driftVariant = 'a';
});

test('the history recorder returns the stored wire history of a finished instance', async () => {
  const id = await h.start('chain', 2, 'recorded');
  await h.until(id, 'Completed');
  const golden = recordHistory(h.engine, id);
  assert.deepEqual(
    golden.history.map((e) => e.EventType),
    [
      EventType.OrchestratorStarted,
      EventType.ExecutionStarted,
      EventType.TaskScheduled,
      EventType.OrchestratorCompleted,
      EventType.OrchestratorStarted,
      EventType.TaskCompleted,
      EventType.TaskScheduled,
      EventType.OrchestratorCompleted,
      EventType.OrchestratorStarted,
      EventType.TaskCompleted,
      EventType.OrchestratorCompleted,
      EventType.ExecutionCompleted,
    ],
  );
  assert.equal(golden.name, 'chain');
  assert.equal(golden.input, 2);
  assert.deepEqual(golden.output, { a: 4, b: 14 });
});
