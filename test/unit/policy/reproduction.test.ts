import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareMetrics, reproductionSummary } from '../../../shared/domain/reproduction.js';

const rules = { absoluteTolerance: 0.001, relativeTolerance: 0.01, metrics: { rmse: { absoluteTolerance: 0.5 }, auc: { relativeTolerance: 0 } } };

describe('comparing a reproduction with its original', () => {
  it('allows max(absolute, relative × |original|), with per-metric overrides', () => {
    const r = compareMetrics('orig', { auc: 0.9, loss: -200, rmse: 10 }, { auc: 0.9009, loss: -201.9, rmse: 10.6 }, rules);
    assert.deepEqual(r.metrics.map((m) => [m.metric, m.allowed, m.within]), [
      ['auc', 0.001, true], // relative override 0: the absolute tolerance applies
      ['loss', 2, true], // 1 % of |−200|
      ['rmse', 0.5, false], // absolute override 0.5 beats 1 % of 10
    ]);
    assert.equal(r.reproduced, false);
    assert.match(reproductionSummary(r), /did not reproduce run orig: rmse 10\.6 vs 10 \(allowed ±0\.5\)/);
  });

  it('does not reproduce a metric the reproduction did not log, and ignores metrics only it logged', () => {
    const r = compareMetrics('orig', { auc: 0.9, f1: 0.7 }, { auc: 0.9, extra: 1 }, rules);
    assert.deepEqual(r.metrics.map((m) => [m.metric, m.reproduced, m.within]), [['auc', 0.9, true], ['f1', null, false]]);
    assert.equal(r.reproduced, false);
    assert.match(reproductionSummary(r), /f1 missing/);
  });

  it('reproduces when every metric is within tolerance', () => {
    const r = compareMetrics('orig', { auc: 0.9 }, { auc: 0.9 }, rules);
    assert.equal(r.reproduced, true);
    assert.equal(reproductionSummary(r), 'reproduced run orig: 1 metric(s) within tolerance');
  });
});
