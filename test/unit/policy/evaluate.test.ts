import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { policySchema, type Policy } from '../../../shared/domain/pipeline.js';
import { evaluatePolicy } from '../../../shared/domain/policy/evaluate.js';
import { decisionSchema } from '../../../shared/domain/run.js';

const policy = (p: Partial<Policy> & { primaryMetric?: Policy['primaryMetric'] } = {}): Policy =>
  policySchema.parse({ primaryMetric: { name: 'auc', direction: 'maximize' }, ...p });

const champion = (metrics: Record<string, number>, version = '3') => ({ version, metrics });

describe('evaluatePolicy', () => {
  const cases: { name: string; policy: Policy; challenger: Record<string, number>; champion: { version: string; metrics: Record<string, number> } | null; outcome: 'promote' | 'hold' | 'reject' }[] = [
    { name: 'first model ever is promoted', policy: policy({ minAbsoluteImprovement: 0.5 }), challenger: { auc: 0.1 }, champion: null, outcome: 'promote' },
    { name: 'improves by exactly the absolute minimum (float noise tolerated)', policy: policy({ minAbsoluteImprovement: 0.005 }), challenger: { auc: 0.855 }, champion: champion({ auc: 0.85 }), outcome: 'promote' },
    { name: 'improves by less than the absolute minimum', policy: policy({ minAbsoluteImprovement: 0.005 }), challenger: { auc: 0.854 }, champion: champion({ auc: 0.85 }), outcome: 'hold' },
    { name: 'gets worse', policy: policy(), challenger: { auc: 0.84 }, champion: champion({ auc: 0.85 }), outcome: 'hold' },
    { name: 'tie with zero minimums', policy: policy(), challenger: { auc: 0.85 }, champion: champion({ auc: 0.85 }), outcome: 'promote' },
    { name: 'relative minimum 1% met', policy: policy({ minRelativeImprovement: 0.01 }), challenger: { auc: 0.8585 }, champion: champion({ auc: 0.85 }), outcome: 'promote' },
    { name: 'relative minimum 1% missed', policy: policy({ minRelativeImprovement: 0.01 }), challenger: { auc: 0.858 }, champion: champion({ auc: 0.85 }), outcome: 'hold' },
    { name: 'minimize: lower is better', policy: policy({ primaryMetric: { name: 'rmse', direction: 'minimize' }, minAbsoluteImprovement: 0.1 }), challenger: { rmse: 1.0 }, champion: champion({ rmse: 1.2 }), outcome: 'promote' },
    { name: 'minimize: higher is worse', policy: policy({ primaryMetric: { name: 'rmse', direction: 'minimize' } }), challenger: { rmse: 1.3 }, champion: champion({ rmse: 1.2 }), outcome: 'hold' },
    { name: 'minimize with negative champion uses |champion| for relative', policy: policy({ primaryMetric: { name: 'loss', direction: 'minimize' }, minRelativeImprovement: 0.1 }), challenger: { loss: -2.2 }, champion: champion({ loss: -2 }), outcome: 'promote' },
    { name: 'champion 0 with relative minimum: any gain passes', policy: policy({ minRelativeImprovement: 0.5 }), challenger: { auc: 0.001 }, champion: champion({ auc: 0 }), outcome: 'promote' },
    { name: 'champion 0 with relative minimum: no gain holds', policy: policy({ minRelativeImprovement: 0.5 }), challenger: { auc: 0 }, champion: champion({ auc: 0 }), outcome: 'hold' },
    { name: 'missing primary metric rejects', policy: policy(), challenger: { precision: 0.9 }, champion: champion({ auc: 0.85 }), outcome: 'reject' },
    { name: 'NaN primary metric rejects', policy: policy(), challenger: { auc: Number.NaN }, champion: champion({ auc: 0.85 }), outcome: 'reject' },
    { name: 'Infinity primary metric rejects', policy: policy(), challenger: { auc: Number.POSITIVE_INFINITY }, champion: null, outcome: 'reject' },
    { name: 'champion without the primary metric: nothing to improve on', policy: policy({ minAbsoluteImprovement: 1 }), challenger: { auc: 0.5 }, champion: champion({ f1: 0.3 }), outcome: 'promote' },
    { name: 'guard-rail threshold (maximize) failed rejects even when primary improves', policy: policy({ guardrails: [{ metric: 'precision', direction: 'maximize', threshold: 0.8 }] }), challenger: { auc: 0.99, precision: 0.79 }, champion: champion({ auc: 0.5 }), outcome: 'reject' },
    { name: 'guard-rail threshold (minimize) met', policy: policy({ guardrails: [{ metric: 'latency_ms', direction: 'minimize', threshold: 50 }] }), challenger: { auc: 0.9, latency_ms: 50 }, champion: champion({ auc: 0.8 }), outcome: 'promote' },
    { name: 'guard-rail threshold applies to the first model', policy: policy({ guardrails: [{ metric: 'precision', direction: 'maximize', threshold: 0.8 }] }), challenger: { auc: 0.9, precision: 0.5 }, champion: null, outcome: 'reject' },
    { name: 'guard-rail max regression exceeded rejects', policy: policy({ guardrails: [{ metric: 'precision', direction: 'maximize', maxRegression: 0.01 }] }), challenger: { auc: 0.9, precision: 0.78 }, champion: champion({ auc: 0.8, precision: 0.8 }), outcome: 'reject' },
    { name: 'guard-rail max regression within bound', policy: policy({ guardrails: [{ metric: 'precision', direction: 'maximize', maxRegression: 0.02 }] }), challenger: { auc: 0.9, precision: 0.78 }, champion: champion({ auc: 0.8, precision: 0.8 }), outcome: 'promote' },
    { name: 'guard-rail max regression without champion value passes', policy: policy({ guardrails: [{ metric: 'precision', direction: 'maximize', maxRegression: 0 }] }), challenger: { auc: 0.9, precision: 0.1 }, champion: champion({ auc: 0.8 }), outcome: 'promote' },
    { name: 'missing guard-rail metric rejects', policy: policy({ guardrails: [{ metric: 'precision', direction: 'maximize', threshold: 0.1 }] }), challenger: { auc: 0.9 }, champion: champion({ auc: 0.8 }), outcome: 'reject' },
    { name: 'reject outranks hold', policy: policy({ minAbsoluteImprovement: 0.5, guardrails: [{ metric: 'precision', direction: 'maximize', threshold: 0.9 }] }), challenger: { auc: 0.81, precision: 0.5 }, champion: champion({ auc: 0.8 }), outcome: 'reject' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = evaluatePolicy(c.policy, c.challenger, c.champion);
      assert.equal(d.outcome, c.outcome, d.summary);
      assert.doesNotThrow(() => decisionSchema.parse(d), 'the decision fits the stored schema');
    });
  }

  it('keeps each rule with its numbers', () => {
    const d = evaluatePolicy(policy({ minAbsoluteImprovement: 0.005, minRelativeImprovement: 0.01, guardrails: [{ metric: 'precision', direction: 'maximize', threshold: 0.7, maxRegression: 0.02 }] }), { auc: 0.87, precision: 0.79 }, champion({ auc: 0.85, precision: 0.8 }, '7'));
    assert.equal(d.outcome, 'promote');
    assert.equal(d.championVersion, '7');
    assert.deepEqual(
      d.rules.map((r) => [r.rule, r.metric, r.challenger, r.champion, r.threshold, r.passed]),
      [
        ['primary.min-absolute-improvement', 'auc', 0.87, 0.85, 0.005, true],
        ['primary.min-relative-improvement', 'auc', 0.87, 0.85, 0.01, true],
        ['guardrail.threshold', 'precision', 0.79, undefined, 0.7, true],
        ['guardrail.max-regression', 'precision', 0.79, 0.8, 0.02, true],
      ],
    );
  });

  it('names the failing rule and metric in the summary', () => {
    const d = evaluatePolicy(policy(), { precision: 1 }, null);
    assert.match(d.summary, /^reject: primary\.present/);
    assert.match(d.rules[0]?.detail ?? '', /'auc' is missing/);
  });

  it('records that approval is required', () => {
    assert.deepEqual(evaluatePolicy(policy({ requireApproval: true }), { auc: 1 }, null).approval, { required: true });
  });
});
