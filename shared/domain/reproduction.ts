import { z } from './zod.js';
import { runIdSchema } from './ids.js';
import type { Reproducibility } from './pipeline.js';

/** One of the original run's metrics, as the reproduction got it, and the tolerance it was held to. */
export const metricComparisonSchema = z.object({
  metric: z.string(),
  original: z.number(),
  /** Null when the reproduction did not log the metric (it then does not reproduce). */
  reproduced: z.number().nullable(),
  absoluteTolerance: z.number(),
  relativeTolerance: z.number(),
  /** The difference allowed: max(absolute, relative × |original|). */
  allowed: z.number(),
  within: z.boolean(),
});
export type MetricComparison = z.infer<typeof metricComparisonSchema>;

/** How a reproduction's metrics compare with its original's: `reproduced` when every metric is within tolerance. */
export const reproductionSchema = z.object({
  originalRunId: runIdSchema,
  reproduced: z.boolean(),
  metrics: z.array(metricComparisonSchema),
});
export type Reproduction = z.infer<typeof reproductionSchema>;

/**
 * Compare each of the original's metrics with the reproduced value: it reproduces when
 * |reproduced − original| ≤ max(absolute, relative × |original|), with the pipeline's per-metric overrides. Metrics
 * only the reproduction logged are not judged: the question is whether the original's results came back.
 */
export function compareMetrics(originalRunId: string, original: Record<string, number>, reproduced: Record<string, number>, rules: Reproducibility): Reproduction {
  const metrics = Object.keys(original)
    .sort()
    .map((metric): MetricComparison => {
      const o = original[metric] ?? 0;
      const r = Object.hasOwn(reproduced, metric) ? (reproduced[metric] ?? null) : null;
      const absoluteTolerance = rules.metrics[metric]?.absoluteTolerance ?? rules.absoluteTolerance;
      const relativeTolerance = rules.metrics[metric]?.relativeTolerance ?? rules.relativeTolerance;
      const allowed = Math.max(absoluteTolerance, relativeTolerance * Math.abs(o));
      return { metric, original: o, reproduced: r, absoluteTolerance, relativeTolerance, allowed, within: r !== null && Math.abs(r - o) <= allowed };
    });
  return { originalRunId, reproduced: metrics.every((m) => m.within), metrics };
}

/** The one-line summary of a comparison, for the run's decision. */
export function reproductionSummary(r: Reproduction): string {
  const off = r.metrics.filter((m) => !m.within);
  if (off.length === 0) return `reproduced run ${r.originalRunId}: ${r.metrics.length} metric(s) within tolerance`;
  const named = off.map((m) => (m.reproduced === null ? `${m.metric} missing` : `${m.metric} ${m.reproduced} vs ${m.original} (allowed ±${m.allowed})`));
  return `did not reproduce run ${r.originalRunId}: ${named.join('; ')}`.slice(0, 4000);
}
