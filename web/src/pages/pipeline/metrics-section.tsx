import { lazy, Suspense } from 'react';
import { Link } from 'wouter';
import type { Pipeline } from '../../api/client.js';
import { guardrailsOf, useRecentRuns } from '../../api/pipeline-queries.js';
import { Empty, ErrorState, Loading } from '../../components/states.js';
import { metric, when } from '../pipelines/format.js';
import { metricSeries, type MetricSeries } from './metric-series.js';

// chart.js is loaded with this section, never in the initial bundle.
const MetricChart = lazy(() => import('./metric-chart.js').then((m) => ({ default: m.MetricChart })));

/** The primary and guard-rail metrics over the newest runs: a chart each, with the values as a table for everyone. */
export function MetricsSection({ pipeline }: { pipeline: Pipeline }) {
  const runs = useRecentRuns(pipeline.id);
  const metrics = [{ metric: pipeline.policy.primaryMetric.name, role: 'primary' as const }, ...guardrailsOf(pipeline).map((g) => ({ metric: g.metric, role: 'guard-rail' as const }))];
  const all = runs.data ? metricSeries(runs.data.items, metrics) : [];
  return (
    <section aria-labelledby="metrics-title">
      <h2 id="metrics-title">Metrics over runs</h2>
      {runs.isPending ? (
        <Loading what="metrics" />
      ) : runs.isError ? (
        <ErrorState error={runs.error} />
      ) : all.every((s) => s.points.length === 0) ? (
        <Empty>No run has recorded metrics yet.</Empty>
      ) : (
        all.map((s) => <MetricFigure key={s.metric} series={s} />)
      )}
    </section>
  );
}

/** One metric's chart and its text alternative. */
function MetricFigure({ series }: { series: MetricSeries }) {
  const counts = (['promote', 'hold', 'reject'] as const).map((o) => `${series.points.filter((p) => p.outcome === o).length} ${o}`).join(', ');
  const latestChampion = series.points.at(-1)?.champion;
  const summary = `${series.metric} (${series.role}) over ${series.points.length} runs: champion now ${latestChampion === undefined ? 'none' : metric(latestChampion)}; challengers ${counts}.`;
  return (
    <figure data-metric={series.metric}>
      <figcaption>
        <strong>{series.metric}</strong> ({series.role})
      </figcaption>
      <Suspense fallback={<Loading what="the chart" />}>
        <MetricChart series={series} summary={summary} />
      </Suspense>
      <details>
        <summary>{series.metric} as a table</summary>
        <table className="metric-values">
          <caption>{summary}</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Challenger</th>
              <th scope="col">Decision</th>
              <th scope="col">Champion after</th>
            </tr>
          </thead>
          <tbody>
            {series.points.map((p) => (
              <tr key={p.runId}>
                <th scope="row">
                  <Link href={`/runs/${encodeURIComponent(p.runId)}`}>{when(p.at)}</Link>
                </th>
                <td>{p.value === undefined ? '—' : metric(p.value)}</td>
                <td>{p.outcome === 'none' ? 'not judged' : p.outcome}</td>
                <td>{p.champion === undefined ? '—' : metric(p.champion)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
