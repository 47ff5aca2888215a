import { CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip } from 'chart.js';
import { Line } from 'react-chartjs-2';
import { when } from '../pipelines/format.js';
import { outcomeColours, type MetricSeries, type Outcome } from './metric-series.js';

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, Legend, Tooltip);

const outcomes: Outcome[] = ['promote', 'hold', 'reject', 'none'];
const outcomeLabels: Record<Outcome, string> = { promote: 'challenger: promoted', hold: 'challenger: held', reject: 'challenger: rejected', none: 'challenger: not judged' };

/** One metric over the runs: the champion as a stepped line, challengers as points coloured by their decision. */
export function MetricChart({ series, summary }: { series: MetricSeries; summary: string }) {
  const { points } = series;
  const challengers = outcomes
    .filter((o) => points.some((p) => p.outcome === o))
    .map((o) => ({
      label: outcomeLabels[o],
      data: points.map((p) => (p.outcome === o ? (p.value ?? null) : null)),
      showLine: false,
      pointRadius: 6,
      pointHoverRadius: 8,
      pointStyle: o === 'promote' ? ('triangle' as const) : o === 'reject' ? ('crossRot' as const) : ('circle' as const),
      borderColor: outcomeColours[o],
      backgroundColor: outcomeColours[o],
    }));
  const champion = {
    label: 'champion',
    data: points.map((p) => p.champion ?? null),
    // chart.js's 'before' holds each value until the next point, as a champion holds until replaced.
    stepped: 'before' as const,
    spanGaps: true,
    pointRadius: 0,
    borderWidth: 2,
    borderColor: '#1565c0',
    backgroundColor: '#1565c0',
  };
  return (
    <div className="chart-box">
      <Line
        role="img"
        aria-label={summary}
        data={{ labels: points.map((p) => when(p.at)), datasets: [champion, ...challengers] }}
        options={{
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: { x: { title: { display: true, text: 'run started' } }, y: { title: { display: true, text: series.metric } } },
          plugins: { legend: { position: 'bottom' } },
        }}
      />
    </div>
  );
}
