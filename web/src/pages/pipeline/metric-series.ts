import type { Run } from '../../api/client.js';

/** A challenger's fate, or `none` for a run with metrics that was never judged. */
export type Outcome = 'promote' | 'hold' | 'reject' | 'none';

/** One judged run of one metric: when, the challenger's value, its decision, and the champion's value after it. */
export interface MetricPoint {
  runId: string;
  at: string;
  value: number | undefined;
  outcome: Outcome;
  champion: number | undefined;
}

/** A metric over the pipeline's runs, oldest first. */
export interface MetricSeries {
  metric: string;
  role: 'primary' | 'guard-rail';
  points: MetricPoint[];
}

/**
 * Each metric's values over the training runs that recorded metrics, oldest first. The champion's value after a run is
 * the challenger's when the run promoted it, else the value the run's decision compared against (so a rollback
 * between runs shows at the next run), else the one before.
 */
export function metricSeries(runs: readonly Run[], metrics: readonly { metric: string; role: MetricSeries['role'] }[]): MetricSeries[] {
  const judged = runs.filter((r) => r.kind !== 'validation' && r.lineage?.mlflow !== undefined).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return metrics.map(({ metric, role }) => {
    let champion: number | undefined;
    const points = judged.map((run): MetricPoint => {
      const value = run.lineage?.mlflow?.metrics[metric];
      const outcome: Outcome = run.decision?.outcome ?? 'none';
      const compared = run.decision?.rules.find((rule) => rule.metric === metric && typeof rule.champion === 'number')?.champion;
      if (outcome === 'promote' && value !== undefined) champion = value;
      else if (typeof compared === 'number') champion = compared;
      return { runId: run.id, at: run.createdAt, value, outcome, champion };
    });
    return { metric, role, points };
  });
}

/** The chart's colour for each outcome (also named in the legend and the table, so colour is never the only cue). */
export const outcomeColours: Record<Outcome, string> = { promote: '#2e7d32', hold: '#f9a825', reject: '#c62828', none: '#757575' };
