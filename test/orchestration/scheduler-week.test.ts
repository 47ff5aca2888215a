import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { T0 } from './support/harness.js';
import { harness } from './support/per-test.js';
import { SchedulerDriver } from './support/scheduler-driver.js';

/*
 * The scheduler timer on the dev host with the clock skipped: a tick every clock minute (`SchedulerDriver`), runs on
 * the real replay engine over fakes. T0 is Monday 2026-01-05 09:00 UTC.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const driver = async (): Promise<SchedulerDriver> => new SchedulerDriver(await harness());

const low = { auc: 0.5, precision: 0.8 };
const same = { auc: 0.9, precision: 0.8 };
const hourly = { cron: '0 * * * *', timeZone: 'UTC' };
const polled = { codeChange: true, codePaths: [], dataChange: { onPush: true, every: 'PT1H' } };

describe('the scheduler over a week (dev host, clock skipped)', () => {
  it('fires exactly the expected runs for a weekly cron, staleness (hold and promote) and polled data changes', async () => {
    const d = await driver();
    await d.put('weekly', { schedule: { cron: '0 6 * * 1', timeZone: 'UTC' } });
    await d.put('stale-hold', { staleness: { maxChampionAge: 'P2D' } });
    await d.put('stale-promote', { staleness: { maxChampionAge: 'P3D' } });
    await d.put('data', { retrainOn: polled });
    await d.seedChampion('stale-hold', '1', T0 - HOUR, same);
    await d.seedChampion('stale-promote', '1', T0 - HOUR, low);
    await d.seedChampion('data', '1', T0 - HOUR, low, SchedulerDriver.fingerprintOf('v1'));

    await d.runTo(T0 + 3 * DAY + HOUR / 2);
    await d.commitData('data', 'v2');
    await d.runTo(T0 + 7 * DAY);

    const summary = async (id: string) => (await d.runs(id)).map((r) => `${r.trigger.kind}:${r.trigger.sourceEventId}:${r.status}:${r.decision?.outcome ?? '-'}`).sort();
    assert.deepEqual(await summary('weekly'), ['schedule:2026-01-12T06:00:00.000Z:succeeded:promote']);
    assert.deepEqual(await summary('stale-hold'), ['staleness:1:1:succeeded:hold', 'staleness:1:2:succeeded:hold', 'staleness:1:3:succeeded:hold'], 'a hold fires again only at the next boundary');
    // The new champion (version 2) restarts the count; its first boundary finds the champion's own commit and data.
    assert.deepEqual(await summary('stale-promote'), ['staleness:1:1:succeeded:promote', 'staleness:2:1:skipped:-']);
    assert.deepEqual(await summary('data'), [`data-change:${SchedulerDriver.fingerprintOf('v2')}:succeeded:promote`], 'one run for the new data, none once it is the champion\'s');
    assert.deepEqual(d.outcomes.filter((o) => o.result !== 'started'), [], 'no tick started a run twice or was refused');
    const records = await d.triggers('stale-hold');
    assert.deepEqual(records.map((r) => r.decision), ['started', 'started', 'started']);
    assert.match(records[0]?.detail ?? '', /champion stale-hold version 1, champion since 2026-01-05T08:00:00.000Z, is \d × P2D old/);
  });
});

describe('the scheduler timer, fired oddly', () => {
  it('fired twice for the same minute starts the slot once; a late timer still starts it', async () => {
    const d = await driver();
    await d.put('twice', { schedule: { cron: '0 10 * * *', timeZone: 'UTC' } });
    await d.put('late', { schedule: { cron: '0 10 * * *', timeZone: 'UTC' } });
    await d.runTo(T0 + HOUR); // 10:00: both slots due
    const twice = await d.runs('twice');
    assert.equal(twice.length, 1);
    await Promise.all([d.tick(), d.tick()]);
    assert.equal((await d.runs('twice')).length, 1, 'a repeated tick finds nothing due');
    // A late timer: nothing ticks from 10:00 to 10:07 on the next day, then one late tick.
    await d.h.runUntil(() => false, { until: T0 + DAY + HOUR + 7 * 60_000 });
    const out = await d.tick();
    assert.deepEqual(out.map((o) => [o.pipelineId, o.result, o.detail]).sort(), [
      ['late', 'started', 'slot 2026-01-06T10:00:00.000Z'],
      ['twice', 'started', 'slot 2026-01-06T10:00:00.000Z'],
    ]);
  });

  it('two timers racing on the same due state start one run and log the other as deduplicated', async () => {
    const d = await driver();
    await d.put('race', { schedule: { cron: '0 10 * * *', timeZone: 'UTC' } });
    await d.h.runUntil(() => false, { until: T0 + HOUR });
    const [a, b] = await Promise.all([d.tick(), d.tick()]);
    assert.deepEqual([...(a ?? []), ...(b ?? [])].map((o) => o.result).sort(), ['already-started', 'started']);
    assert.deepEqual((await d.triggers('race')).map((r) => r.decision).sort(), ['deduplicated', 'started']);
    assert.equal((await d.runs('race')).length, 1);
  });

  it('after two days down, each rule fires one catch-up run, and the trigger log says which slots it covers', async () => {
    const d = await driver();
    // One pipeline per rule, so that the rules' runs do not meet the concurrency rule.
    await d.put('down-cron', { schedule: hourly });
    await d.put('down-stale', { staleness: { maxChampionAge: 'P1D' } });
    await d.put('down-data', { retrainOn: polled });
    await d.seedChampion('down-stale', '1', T0 - HOUR, low);
    await d.seedChampion('down-data', '1', T0 - HOUR, low, SchedulerDriver.fingerprintOf('v1'));
    await d.runTo(T0 + 30 * 60_000); // up for half an hour: nothing due yet
    await d.commitData('down-data', 'v2');
    await d.commitData('down-stale', 'v2');
    await d.h.runUntil(() => false, { until: T0 + 2 * DAY + 30 * 60_000 }); // down: no tick
    const out = await d.tick();
    assert.deepEqual(out.map((o) => `${o.pipelineId} ${o.kind} ${o.result}`).sort(), ['down-cron schedule started', 'down-data data-change started', 'down-stale staleness started']);
    const [cron] = await d.triggers('down-cron');
    assert.equal(cron?.detail, 'catch-up of 48 missed slots, first 2026-01-05T10:00:00.000Z, last 2026-01-07T09:00:00.000Z');
    const [cronRun] = await d.runs('down-cron');
    assert.match(cronRun?.trigger.reason ?? '', /^schedule 0 \* \* \* \* \(UTC\), catch-up of 48 missed slots/);
    assert.equal(cronRun?.trigger.sourceEventId, '2026-01-07T09:00:00.000Z', 'keyed by the latest slot');
    const [stale] = await d.triggers('down-stale');
    assert.match(stale?.detail ?? '', /is 2 × P1D old/, 'one run, for the latest boundary');
    await d.runTo(T0 + 2 * DAY + 59 * 60_000);
    for (const id of ['down-cron', 'down-stale', 'down-data']) assert.equal((await d.runs(id)).length, 1, `${id}: nothing more fires in the minutes after`);
  });

  it('a changed cron fires none of the old cron\'s missed slots, and counts from the change', async () => {
    const d = await driver();
    await d.put('changed', { schedule: { cron: '0 10 * * *', timeZone: 'UTC' } });
    await d.h.runUntil(() => false, { until: T0 + 90 * 60_000 }); // down over the 10:00 slot
    await d.put('changed', { schedule: { cron: '45 10 * * *', timeZone: 'UTC' } }); // 10:30
    await d.runTo(T0 + 2 * HOUR);
    assert.deepEqual((await d.runs('changed')).map((r) => r.trigger.sourceEventId), ['2026-01-05T10:45:00.000Z']);
  });

  it('a disabled pipeline is never due; enabled again, it counts from then', async () => {
    const d = await driver();
    await d.put('off', { schedule: hourly, enabled: false });
    assert.equal((await d.h.services.pipelineStates.get('off'))?.nextDueAt, undefined);
    await d.runTo(T0 + 3 * HOUR);
    assert.equal((await d.runs('off')).length, 0);
    assert.equal((await d.triggers('off')).length, 0, 'not even a refusal is logged');
    await d.put('off', { schedule: hourly });
    await d.runTo(T0 + 4 * HOUR + 60_000);
    assert.deepEqual((await d.runs('off')).map((r) => r.trigger.sourceEventId), ['2026-01-05T13:00:00.000Z']);
  });
});
