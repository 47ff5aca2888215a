import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pipelineSchema, type Pipeline } from '../../shared/domain/pipeline.js';
import type { Source } from '../../shared/domain/pipeline.js';
import { emptyPipelineState } from '../../shared/domain/pipeline-state.js';
import { nextCheckAfter } from '../../shared/domain/schedule/spread.js';
import { silentLogger } from '../../shared/logging/logger.js';
import type { SourceRepository } from '../../shared/ports/external-systems.js';
import { dataCheckBudget, RepairSchedule, repairStates, resweepMinMs } from '../../shared/use-cases/schedule/repair-sweep.js';
import { schedulerTick } from '../../shared/use-cases/schedule/scheduler-tick.js';
import { fakeServices } from '../fakes/fake-services.js';
import { recordingOrchestrations } from '../fakes/recording-orchestrations.js';
import { pipelineSpec } from '../fakes/seed.js';

/* The scheduler reads at most a tick's budget of repositories for data checks, however the checks bunch up. */

const t0 = new Date('2026-03-02T10:00:00.000Z');

/** A source whose heads never move; counts the head lookups (one per data check). */
class CountingSource implements Pick<SourceRepository, 'resolveCommit' | 'readFile'> {
  lookups: string[] = [];
  async resolveCommit(source: Source): Promise<string> {
    this.lookups.push(source.kind === 'localGit' ? source.path : source.repository);
    return 'a'.repeat(40);
  }
  async readFile(): Promise<string> {
    return 'outs:\n- md5: 0123456789abcdef0123456789abcdef.dir\n  path: data\n';
  }
}

function pollingPipeline(id: string, every = 'PT1H'): Pipeline {
  const at = '2026-01-01T00:00:00.000Z';
  return pipelineSchema.parse({ ...pipelineSpec({ source: { kind: 'localGit', path: `repos/${id}`, branch: 'main' } }), retrainOn: { codeChange: true, codePaths: [], dataChange: { onPush: true, every } }, id, createdAt: at, updatedAt: at });
}

async function world(count: number) {
  const { services, fakes } = fakeServices({ now: () => t0.getTime() });
  const source = new CountingSource();
  for (let i = 0; i < count; i++) {
    const p = pollingPipeline(`p${i}`);
    await fakes.pipelines.put(p);
    // Every check is overdue, by i minutes: the longest waiting come first.
    const nextCheckAt = new Date(t0.getTime() - (i + 1) * 60_000).toISOString();
    await fakes.pipelineStates.update(p.id, () => ({ ...emptyPipelineState(p.id, t0), nextDueAt: nextCheckAt, schedule: { dataChange: { every: 'PT1H', nextCheckAt } } }));
  }
  const deps = { ...services, source: { ...services.source, resolveCommit: source.resolveCommit.bind(source), readFile: source.readFile.bind(source) }, orchestrations: recordingOrchestrations(), log: silentLogger };
  return { deps, fakes, source };
}

describe('the data-check budget', () => {
  it('is the average checks per tick, rounded up: 10,000 hourly pipelines make 167, never 0', () => {
    assert.equal(dataCheckBudget({ created: 0, dataChecksPerTick: 10_000 / 60 }), 167);
    assert.equal(dataCheckBudget({ created: 0, dataChecksPerTick: 60 / 60 }), 1);
    assert.equal(dataCheckBudget({ created: 0, dataChecksPerTick: 0 }), 1);
  });

  it('the sweep counts it over the enabled polling pipelines', async () => {
    const { deps, fakes } = await world(0);
    for (let i = 0; i < 120; i++) await fakes.pipelines.put(pollingPipeline(`h${i}`, 'PT1H'));
    for (let i = 0; i < 30; i++) await fakes.pipelines.put(pollingPipeline(`m${i}`, 'PT30M'));
    await fakes.pipelines.put({ ...pollingPipeline('off'), enabled: false });
    const sweep = await repairStates(deps, t0);
    assert.equal(sweep.created, 151);
    assert.equal(dataCheckBudget(sweep), 3, '120 hourly (2 a tick) and 30 half-hourly (1 a tick)');
  });

  it('a tick checks the longest-waiting first, up to the budget, and leaves the rest due for the next tick', async () => {
    const { deps, fakes, source } = await world(5);
    const first = await schedulerTick(deps, t0, 'tick-1', { dataCheckBudget: 2 });
    assert.deepEqual([...source.lookups].sort(), ['repos/p3', 'repos/p4'], 'checks run concurrently: which, not in what order');
    assert.equal(first.filter((o) => o.result === 'deferred').length, 3);
    const waiting = await fakes.pipelineStates.get('p0');
    assert.ok(waiting?.nextDueAt !== undefined && waiting.nextDueAt <= t0.toISOString(), 'a deferred check stays due');
    const checked = await fakes.pipelineStates.get('p4');
    assert.equal(checked?.schedule.dataChange?.nextCheckAt, nextCheckAfter('p4', 'PT1H', t0).toISOString(), 'a check made moves to its next offset');
    await schedulerTick(deps, new Date(t0.getTime() + 60_000), 'tick-2', { dataCheckBudget: 2 });
    assert.deepEqual(source.lookups.slice(2).sort(), ['repos/p1', 'repos/p2']);
  });

  it('without a budget (before the first sweep) every due check is made', async () => {
    const { deps, source } = await world(4);
    await schedulerTick(deps, t0, 'tick', {});
    assert.equal(source.lookups.length, 4);
  });

  it('a backlog larger than a tick\'s budget asks for a fresh sweep, at most every few minutes', () => {
    const schedule = new RepairSchedule();
    assert.equal(schedule.claim(t0), true, 'the first tick of a process sweeps');
    schedule.swept({ created: 0, dataChecksPerTick: 1 });
    assert.equal(schedule.claim(new Date(t0.getTime() + 60_000)), false);
    schedule.deferred(1);
    assert.equal(schedule.claim(new Date(t0.getTime() + resweepMinMs)), false, 'a backlog within the budget is no reason');
    schedule.deferred(50);
    assert.equal(schedule.claim(new Date(t0.getTime() + 60_000)), false, 'not before the minimum interval');
    assert.equal(schedule.claim(new Date(t0.getTime() + resweepMinMs)), true);
    assert.equal(schedule.claim(new Date(t0.getTime() + resweepMinMs + 60_000)), false, 'the sweep cleared it');
  });
});
