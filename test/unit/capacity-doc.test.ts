import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { backends, DAYS_PER_MONTH, linesOf, monthly, total } from '../../scripts/capacity/cost.js';
import { capacityDocPath, loadFigures } from '../../scripts/capacity/load.js';
import { dayAt, scales } from '../../scripts/capacity/model.js';
import { prices } from '../../scripts/capacity/prices.js';
import { renderCapacity } from '../../scripts/capacity/render.js';

describe('docs/capacity.md', () => {
  it('is what `npm run capacity` computes from the committed bench figures', () => {
    assert.equal(readFileSync(capacityDocPath, 'utf8'), renderCapacity(loadFigures()), 'run `npm run capacity` and commit docs/capacity.md');
  });

  it('scales the measured day: at its own size it gives back the counted figures', () => {
    const f = loadFigures();
    const same = dayAt(f, f.day.pipelines);
    assert.equal(Math.round(same.executions), f.day.executions);
    assert.equal(Math.round(same.historyEvents), f.day.historyEvents);
    assert.equal(Math.round(same.storeOps), f.day.storeOps);
    assert.equal(Math.round(same.runs), f.day.runsStarted);
  });

  it('prices the Flex Consumption lines from the table, beyond the monthly free grants', () => {
    const f = loadFigures();
    for (const p of scales) {
      const a = dayAt(f, p);
      const m = monthly(a);
      const billable = Math.max(0, a.executions * DAYS_PER_MONTH - prices.flexFreeExecutionsPerMonth.value);
      assert.equal(m.executions, (billable / 10) * prices.flexPer10Executions.value);
      const gbs = Math.max(0, a.gbSeconds * DAYS_PER_MONTH - prices.flexFreeGbSecondsPerMonth.value);
      assert.equal(m.compute, gbs * prices.flexGbSecond.value);
      assert.equal(m.cosmosServerless, ((a.cosmosRuPerDay * DAYS_PER_MONTH) / 1e6) * prices.cosmosServerlessPerMillionRu.value);
    }
  });

  it('leaves a line without a price empty, never zero, and names it in the total', () => {
    const m = monthly(dayAt(loadFigures(), 10_000));
    for (const b of backends) {
      const lines = linesOf(m, b);
      const t = total(m, b);
      const known = lines.filter(([, usd]) => usd !== null);
      assert.equal(t.known, known.reduce((sum, [, usd]) => sum + (usd ?? 0), 0));
      assert.deepEqual(t.missing, lines.filter(([, usd]) => usd === null).map(([name]) => name));
    }
    assert.equal(m.dtsConsumption === null, prices.dtsConsumptionPerMillionActions.value === null);
    assert.equal(m.storageTable === null, prices.storageTablePer10k.value === null);
  });
});
