import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { installCoreStub } from '../../devhost/core-stub.js';
import type { CapturedApp } from '../../devhost/core-stub.js';
import { ManualClock } from '../../devhost/durable/clock.js';
import { DurableEngine } from '../../devhost/durable/engine.js';
import { EventType, OrchestrationStatus, ev } from '../../devhost/durable/history-events.js';
import type { JournalLine } from '../../devhost/durable/journal.js';
import type { control as fixtureControl } from '../fixtures/durable-app/app.js';

/*
 * Resuming from disk in-process: an engine is stopped and a new one started over the same state directory, with
 * journals left the way a crash can leave them (torn last line, arrivals not yet processed, a continueAsNew half done).
 */

let captured: CapturedApp;
let control: typeof fixtureControl;
let stateDir: string;
const t0 = Date.UTC(2026, 0, 1);
const hour = 3600_000;

before(async () => {
  captured = installCoreStub();
  ({ control } = await import('../fixtures/durable-app/app.js'));
  stateDir = await mkdtemp(path.join(tmpdir(), 'mlcycle-durable-restart-'));
});
after(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

function engineAt(clock: ManualClock): DurableEngine {
  return new DurableEngine({ app: captured, stateDir, clock, baseUrl: 'http://127.0.0.1:7071' });
}

test('armed timers and waiting instances survive a restart', async () => {
  const clockA = new ManualClock(t0);
  const a = engineAt(clockA);
  await a.start();
  const r = await a.startNew('sleeper', { instanceId: 'sleepy' });
  assert.ok(r.ok);
  await a.idle();
  await a.stop();

  const clockB = new ManualClock(t0 + 2 * hour);
  const b = engineAt(clockB);
  await b.start();
  assert.equal(b.getStatus('sleepy')?.runtimeStatus, 'Running');
  await clockB.advance(22 * hour - 1, () => b.idle());
  assert.equal(control.calls.get('echo')?.includes('midway') ?? false, false);
  await clockB.advance(1, () => b.idle());
  assert.ok(control.calls.get('echo')?.includes('midway'));
  await clockB.advance(24 * hour, () => b.idle());
  const s = b.getStatus('sleepy');
  assert.equal(s?.runtimeStatus, 'Completed');
  assert.equal((s?.output as { end: string }).end, new Date(t0 + 48 * hour).toISOString());
  await b.stop();
});

test('a torn last line is cut off and an unprocessed arrival is delivered after restart', async () => {
  const clock = new ManualClock(t0);
  const a = engineAt(clock);
  await a.start();
  assert.ok((await a.startNew('waiter', { instanceId: 'torn' })).ok);
  await a.idle();
  await a.stop();
  const file = path.join(a.store.dirOf('torn'), 'history.jsonl');
  // An arrival that was written but never processed, then a write cut short by the crash.
  const arrival: JournalLine = { p: ev.eventRaised(new Date(t0).toISOString(), 'go', '"after crash"'), n: 1 };
  await appendFile(file, JSON.stringify(arrival) + '\n' + '{"e":[{"EventType":12,"Event');

  const b = engineAt(clock);
  await b.start();
  const s = await b.waitFor('torn', (x) => x.runtimeStatus === 'Completed', 10_000);
  assert.deepEqual(s.output, { second: 'after crash' });
  const text = await readFile(file, 'utf8');
  assert.ok(text.endsWith('\n'));
  assert.ok(text.split('\n').filter(Boolean).every((l) => JSON.parse(l) !== undefined), 'every remaining line is whole');
  await b.stop();
});

test('a continueAsNew interrupted between its commit and the new journal is completed on start', async () => {
  const ts = new Date(t0).toISOString();
  const dirEngine = engineAt(new ManualClock(t0));
  const started = ev.executionStarted(ts, { name: 'counter', input: JSON.stringify({ n: 4, max: 5 }), instanceId: 'half-can', executionId: 'exec-1' });
  const lines: JournalLine[] = [
    { p: started, n: 0 },
    {
      e: [ev.orchestratorStarted(ts), started, ev.orchestratorCompleted(ts), ev.executionCompleted(ts, OrchestrationStatus.ContinuedAsNew, JSON.stringify({ n: 5, max: 5 }))],
      c: [0],
    },
  ];
  await dirEngine.store.init();
  await dirEngine.store.replace('half-can', lines);
  const b = engineAt(new ManualClock(t0));
  await b.start();
  const s = await b.waitFor('half-can', (x) => x.runtimeStatus === 'Completed', 10_000);
  assert.deepEqual(s.output, { n: 5 });
  const history = b.readHistory('half-can') ?? [];
  assert.equal(history.find((e) => e.EventType === EventType.ExecutionStarted)?.Input, JSON.stringify({ n: 5, max: 5 }));
  await b.stop();
});

test('an instance whose start crashed before its journal was in place is not resurrected', async () => {
  const clock = new ManualClock(t0);
  const a = engineAt(clock);
  await a.store.init();
  const dir = a.store.dirOf('never-started');
  await rm(dir, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
  await writeFile(path.join(dir, 'history.jsonl.tmp'), '{"p":');
  await a.start();
  assert.equal(a.getStatus('never-started'), undefined);
  await a.stop();
});
