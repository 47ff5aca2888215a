import type { Guardrail, MetricDirection, Policy } from '../pipeline.js';
import type { Decision, RuleResult } from '../run.js';

/** The champion a challenger is judged against, or null when no model has been promoted yet. */
export interface ChampionMetrics {
  version: string;
  metrics: Record<string, number>;
}

// Metrics arrive as floats from MLflow; a difference of 0.005 can come back as 0.0049999999. Compare with slack.
const EPSILON = 1e-9;

/** A metric value usable in a comparison: finite numbers only (MLflow stores NaN and ±Infinity too). */
function valueOf(metrics: Record<string, number> | undefined, name: string): number | null {
  const v = metrics?.[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** How much better `challenger` is than `champion` in the metric's direction (negative = worse). */
function gain(direction: MetricDirection, challenger: number, champion: number): number {
  return direction === 'maximize' ? challenger - champion : champion - challenger;
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6))));
const pct = (n: number): string => (Number.isFinite(n) ? `${fmt(n * 100)}%` : n > 0 ? '+inf%' : '-inf%');

function missing(metric: string, rule: string, what: string): RuleResult {
  return { rule, metric, challenger: null, passed: false, detail: `${what} '${metric}' is missing or not a finite number in the challenger's metrics` };
}

/** The primary-metric rules: presence, then minimum absolute and relative improvement over the champion. */
function primaryRules(policy: Policy, challenger: Record<string, number>, champion: ChampionMetrics | null): RuleResult[] {
  const { name, direction } = policy.primaryMetric;
  const c = valueOf(challenger, name);
  if (c === null) return [missing(name, 'primary.present', 'primary metric')];
  if (champion === null) {
    return [{ rule: 'primary.first-model', metric: name, challenger: c, champion: null, passed: true, detail: 'no champion yet: the first model is promoted' }];
  }
  const h = valueOf(champion.metrics, name);
  if (h === null) {
    return [{ rule: 'primary.first-model', metric: name, challenger: c, champion: null, passed: true, detail: `champion ${champion.version} has no value for '${name}': nothing to improve on` }];
  }
  const delta = gain(direction, c, h);
  // Relative improvement is measured against |champion|; with a champion of 0 any gain is infinite and no gain is 0.
  const relative = h === 0 ? (delta > EPSILON ? Infinity : delta < -EPSILON ? -Infinity : 0) : delta / Math.abs(h);
  const better = direction === 'maximize' ? 'higher' : 'lower';
  return [
    {
      rule: 'primary.min-absolute-improvement',
      metric: name,
      challenger: c,
      champion: h,
      threshold: policy.minAbsoluteImprovement,
      passed: delta >= policy.minAbsoluteImprovement - EPSILON,
      detail: `${name} ${fmt(c)} vs champion ${fmt(h)}: ${delta >= 0 ? '+' : ''}${fmt(delta)} (${better} is better), needs ≥ +${fmt(policy.minAbsoluteImprovement)}`,
    },
    {
      rule: 'primary.min-relative-improvement',
      metric: name,
      challenger: c,
      champion: h,
      threshold: policy.minRelativeImprovement,
      passed: relative >= policy.minRelativeImprovement - EPSILON,
      detail: `relative change ${relative >= 0 ? '+' : ''}${pct(relative)} of |${fmt(h)}|, needs ≥ +${pct(policy.minRelativeImprovement)}`,
    },
  ];
}

/** A guard-rail's rules: an absolute bound in the metric's direction and a maximum regression vs the champion. */
function guardrailRules(g: Guardrail, challenger: Record<string, number>, champion: ChampionMetrics | null): RuleResult[] {
  const c = valueOf(challenger, g.metric);
  if (c === null) return [missing(g.metric, 'guardrail.present', 'guard-rail metric')];
  const out: RuleResult[] = [];
  if (g.threshold !== undefined) {
    const ok = g.direction === 'maximize' ? c >= g.threshold - EPSILON : c <= g.threshold + EPSILON;
    out.push({
      rule: 'guardrail.threshold',
      metric: g.metric,
      challenger: c,
      threshold: g.threshold,
      passed: ok,
      detail: `${g.metric} ${fmt(c)} must be ${g.direction === 'maximize' ? '≥' : '≤'} ${fmt(g.threshold)}`,
    });
  }
  if (g.maxRegression !== undefined) {
    const h = champion ? valueOf(champion.metrics, g.metric) : null;
    if (h === null) {
      out.push({ rule: 'guardrail.max-regression', metric: g.metric, challenger: c, champion: null, threshold: g.maxRegression, passed: true, detail: 'no champion value to regress from' });
    } else {
      const regression = -gain(g.direction, c, h);
      out.push({
        rule: 'guardrail.max-regression',
        metric: g.metric,
        challenger: c,
        champion: h,
        threshold: g.maxRegression,
        passed: regression <= g.maxRegression + EPSILON,
        detail: `${g.metric} ${fmt(c)} vs champion ${fmt(h)}: regression ${fmt(Math.max(regression, 0))}, allowed ≤ ${fmt(g.maxRegression)}`,
      });
    }
  }
  return out;
}

/**
 * Judge a challenger against the champion under a pipeline's policy. A failed guard-rail (or a missing metric)
 * rejects; a primary metric that does not improve enough holds; otherwise promote. The first model ever is promoted
 * provided its metrics are present and it meets the guard-rails' absolute thresholds. Every rule keeps its numbers.
 */
export function evaluatePolicy(policy: Policy, challenger: Record<string, number>, champion: ChampionMetrics | null): Decision {
  const primary = primaryRules(policy, challenger, champion);
  const guards = policy.guardrails.flatMap((g) => guardrailRules(g, challenger, champion));
  const rules = [...primary, ...guards];
  const primaryMissing = primary.some((r) => r.rule === 'primary.present');
  const failedGuards = guards.filter((r) => !r.passed);
  const failedPrimary = primary.filter((r) => !r.passed);
  const outcome: Decision['outcome'] = primaryMissing || failedGuards.length > 0 ? 'reject' : failedPrimary.length > 0 ? 'hold' : 'promote';
  const against = champion ? `champion ${champion.version}` : 'no champion';
  const failed = rules.filter((r) => !r.passed);
  const summary =
    outcome === 'promote'
      ? `promote: all ${rules.length} rule(s) passed against ${against}`
      : `${outcome}: ${failed.map((r) => `${r.rule} (${r.detail ?? r.metric})`).join('; ')}`;
  return {
    outcome,
    summary: summary.slice(0, 4000),
    rules,
    ...(champion ? { championVersion: champion.version } : {}),
    ...(policy.requireApproval ? { approval: { required: true } } : {}),
  };
}
