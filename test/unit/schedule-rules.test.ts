import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pipelineSchema } from '../../shared/domain/pipeline.js';
import { emptyPipelineState, type PipelineState } from '../../shared/domain/pipeline-state.js';
import { nextDueAt, syncedState } from '../../shared/domain/schedule/next-due.js';
import { describeSlots, maxEnumeratedSlots, nextSlot, slotsBetween } from '../../shared/domain/schedule/slots.js';
import { nextCheckAfter, spreadOffsetMs } from '../../shared/domain/schedule/spread.js';
import { boundaryAt, stalenessBoundary } from '../../shared/domain/schedule/staleness.js';
import { pipelineSpec } from '../fakes/seed.js';

const d = (iso: string): Date => new Date(iso);

describe('cron slots (catch-up enumeration)', () => {
  it('lists the slots in (after, upTo], latest last, and says when a slot falls exactly on upTo', () => {
    const s = slotsBetween('0 6 * * *', 'UTC', d('2026-03-01T06:00:00Z'), d('2026-03-03T06:00:00Z'));
    assert.deepEqual(s?.listed.map((x) => x.toISOString()), ['2026-03-02T06:00:00.000Z', '2026-03-03T06:00:00.000Z']);
    assert.equal(s?.count, 2);
    assert.match(describeSlots(s), /^catch-up of 2 missed slots, first 2026-03-02T06:00:00.000Z, last 2026-03-03T06:00:00.000Z: /);
    assert.equal(slotsBetween('0 6 * * *', 'UTC', d('2026-03-03T06:00:00Z'), d('2026-03-03T07:00:00Z')), null);
  });

  it('evaluates in the pipeline time zone', () => {
    const s = slotsBetween('0 7 * * *', 'Europe/Paris', d('2026-11-30T00:00:00Z'), d('2026-11-30T12:00:00Z'));
    assert.equal(describeSlots(s!), 'slot 2026-11-30T06:00:00.000Z');
  });

  it('counts two days of a per-minute cron without listing them', () => {
    const s = slotsBetween('* * * * *', 'UTC', d('2026-03-01T00:00:00Z'), d('2026-03-03T00:00:00Z'));
    assert.equal(s?.count, 2880);
    assert.equal(s?.listed.length, 0);
    assert.equal(s?.last.toISOString(), '2026-03-03T00:00:00.000Z');
  });

  it('caps the enumeration and still finds the latest slot', () => {
    const s = slotsBetween('* * * * * *', 'UTC', d('2026-03-01T00:00:00Z'), d('2026-03-03T00:00:00Z'));
    assert.equal(s?.capped, true);
    assert.equal(s?.count, maxEnumeratedSlots);
    assert.equal(s?.last.toISOString(), '2026-03-03T00:00:00.000Z');
    assert.match(describeSlots(s), /more than 10000 missed slots/);
  });

  it('finds the next slot strictly after a moment', () => {
    assert.equal(nextSlot('0 6 * * 1', 'UTC', d('2026-03-02T06:00:00Z'))?.toISOString(), '2026-03-09T06:00:00.000Z');
  });
});

describe('staleness boundaries', () => {
  it('counts whole periods, with calendar months', () => {
    const since = d('2026-01-31T00:00:00Z');
    assert.equal(stalenessBoundary(since, 'P1M', d('2026-02-27T00:00:00Z')), 0);
    assert.equal(stalenessBoundary(since, 'P1M', d('2026-02-28T00:00:00Z')), 1, 'P1M after 31 January is the end of February');
    assert.equal(stalenessBoundary(since, 'P1M', d('2027-01-31T00:00:00Z')), 12);
    assert.equal(stalenessBoundary(since, 'P1D', d('2026-01-30T00:00:00Z')), 0, 'before since');
    assert.equal(stalenessBoundary(since, 'PT1H', d('2026-02-01T01:00:00Z')), 25);
    assert.equal(boundaryAt(since, 'P7D', 2).toISOString(), '2026-02-14T00:00:00.000Z');
  });
});

describe('spread data checks', () => {
  it('puts each pipeline at a fixed offset of the period', () => {
    const a = nextCheckAfter('pipe-a', 'PT1H', d('2026-03-01T00:00:00Z'));
    assert.equal(nextCheckAfter('pipe-a', 'PT1H', a).getTime() - a.getTime(), 3_600_000);
    assert.equal(nextCheckAfter('pipe-a', 'PT1H', new Date(a.getTime() - 1)).getTime(), a.getTime());
    assert.equal(a.getTime() % 3_600_000, spreadOffsetMs('pipe-a', 3_600_000));
  });

  it('spreads 10,000 pipelines polling hourly over the hour (about 167 a minute, none near all)', () => {
    const perMinute = new Array<number>(60).fill(0);
    for (let i = 0; i < 10_000; i++) perMinute[Math.floor(spreadOffsetMs(`pipeline-${i}`, 3_600_000) / 60_000)]! += 1;
    assert.ok(Math.max(...perMinute) < 230, `busiest minute ${Math.max(...perMinute)}`);
    assert.ok(Math.min(...perMinute) > 110, `quietest minute ${Math.min(...perMinute)}`);
  });
});

describe('the due time and the state a pipeline write leaves', () => {
  const at = '2026-03-02T10:00:00.000Z';
  const pipeline = (over: Record<string, unknown> = {}) => pipelineSchema.parse({ ...pipelineSpec(), id: 'p', createdAt: at, updatedAt: at, ...over });
  const weekly = { cron: '0 6 * * 1', timeZone: 'UTC' };

  it('is the earliest rule: next slot, next age boundary, next data check; none when disabled', () => {
    const p = pipeline({ schedule: weekly, staleness: { maxChampionAge: 'P2D' }, retrainOn: { codeChange: true, codePaths: [], dataChange: { onPush: true, every: 'P1D' } } });
    const state: PipelineState = { ...syncedState(null, p, emptyPipelineState('p', d(at)), d(at)), champion: { modelName: 'm', version: '1', since: '2026-03-01T00:00:00.000Z', how: 'promoted' } };
    assert.equal(nextDueAt(p, state, d(at))?.toISOString(), '2026-03-03T00:00:00.000Z', 'the age boundary');
    const weeklyOnly = pipeline({ schedule: weekly });
    assert.equal(syncedState(null, weeklyOnly, emptyPipelineState('p', d(at)), d(at)).nextDueAt, '2026-03-09T06:00:00.000Z');
    assert.equal(syncedState(null, pipeline({ schedule: weekly, enabled: false }), emptyPipelineState('p', d(at)), d(at)).nextDueAt, undefined);
    assert.equal(syncedState(null, pipeline(), emptyPipelineState('p', d(at)), d(at)).nextDueAt, undefined, 'no rule');
  });

  it('a changed cron or a pipeline enabled again counts from the write; an unchanged one keeps its last slot', () => {
    const old = { ...emptyPipelineState('p', d(at)), schedule: { cron: { ...weekly, lastSlot: '2026-02-23T06:00:00.000Z' } } };
    const later = d('2026-03-04T00:00:00Z');
    assert.equal(syncedState(pipeline({ schedule: weekly }), pipeline({ schedule: weekly }), old, later).schedule.cron?.lastSlot, '2026-02-23T06:00:00.000Z');
    assert.equal(syncedState(pipeline({ schedule: weekly }), pipeline({ schedule: { cron: '0 7 * * 1', timeZone: 'UTC' } }), old, later).schedule.cron?.lastSlot, later.toISOString());
    assert.equal(syncedState(pipeline({ schedule: weekly, enabled: false }), pipeline({ schedule: weekly }), old, later).schedule.cron?.lastSlot, later.toISOString());
  });
});
