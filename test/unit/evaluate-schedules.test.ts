import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../../shared/logging/logger.js';
import { catchUpMs, evaluateSchedules } from '../../shared/use-cases/evaluate-schedules.js';
import { fakeServices } from '../fakes/fake-services.js';
import { recordingOrchestrations } from '../fakes/recording-orchestrations.js';
import { seedPipeline, sha } from '../fakes/seed.js';


const slot = new Date('2026-11-30T06:00:00.000Z'); // a Monday
async function setup(schedule: { cron: string; timeZone: string } | undefined, extra: { enabled?: boolean; createdAt?: string } = {}) {
  const { services, fakes } = fakeServices({ now: () => slot.getTime() });
  await seedPipeline(fakes, 'weekly', sha('w'), { ...(schedule ? { schedule } : {}), ...(extra.enabled !== undefined ? { enabled: extra.enabled } : {}) }, extra.createdAt);
  const orchestrations = recordingOrchestrations();
  const deps = { pipelines: services.pipelines, runs: services.runs, triggers: services.triggers, orchestrations, now: services.now, log: silentLogger };
  return { services, deps, orchestrations };
}

describe('evaluateSchedules (the scheduler tick)', () => {
  it('starts one run for a due slot however many ticks see it', async () => {
    const { deps, orchestrations, services } = await setup({ cron: '0 0 6 * * 1', timeZone: 'UTC' });
    const ticks = [0, 60_000, 120_000, 10 * 60_000].map((ms) => new Date(slot.getTime() + ms));
    const outcomes = [];
    for (const now of ticks) outcomes.push(...(await evaluateSchedules(deps, now, randomUUID())));
    assert.deepEqual(outcomes.map((o) => o.result), ['started', 'already-started', 'already-started', 'already-started']);
    assert.equal(orchestrations.started.length, 1);
    const run = await services.runs.find(orchestrations.started[0]!);
    assert.deepEqual(run?.trigger, { kind: 'schedule', sourceEventId: slot.toISOString(), reason: 'schedule 0 0 6 * * 1 (UTC)' });
  });

  it('evaluates the cron in the pipeline time zone', async () => {
    const { deps } = await setup({ cron: '0 7 * * 1', timeZone: 'Europe/Paris' });
    assert.equal((await evaluateSchedules(deps, new Date(slot.getTime() + 30_000), randomUUID()))[0]?.slot, slot.toISOString(), '07:00 in Paris is 06:00 UTC in winter');
  });

  it('fires nothing before the slot, long after it, for a disabled pipeline, or for a slot older than the pipeline', async () => {
    const due = await setup({ cron: '0 0 6 * * 1', timeZone: 'UTC' });
    assert.deepEqual(await evaluateSchedules(due.deps, new Date(slot.getTime() + catchUpMs + 60_000), randomUUID()), []);
    assert.deepEqual(await evaluateSchedules(due.deps, new Date(slot.getTime() - 60_000), randomUUID()), []);
    const off = await setup({ cron: '0 0 6 * * 1', timeZone: 'UTC' }, { enabled: false });
    assert.deepEqual(await evaluateSchedules(off.deps, slot, randomUUID()), []);
    const young = await setup({ cron: '0 0 6 * * 1', timeZone: 'UTC' }, { createdAt: '2026-11-30T06:05:00.000Z' });
    assert.deepEqual(await evaluateSchedules(young.deps, new Date(slot.getTime() + 6 * 60_000), randomUUID()), []);
    const none = await setup(undefined);
    assert.deepEqual(await evaluateSchedules(none.deps, slot, randomUUID()), []);
  });

  it('records a refusal (concurrency) in the trigger log and carries on', async () => {
    const { deps, services } = await setup({ cron: '0 * * * * *', timeZone: 'UTC' });
    assert.equal((await evaluateSchedules(deps, slot, randomUUID()))[0]?.result, 'started');
    const next = await evaluateSchedules(deps, new Date(slot.getTime() + 60_000), randomUUID());
    assert.equal(next[0]?.result, 'refused', 'the first scheduled run is still active (concurrency skip)');
    const log = await services.triggers.list('weekly', { limit: 10 });
    assert.ok(log.items.some((t) => t.source === 'schedule' && t.decision === 'concurrency'));
  });
});
