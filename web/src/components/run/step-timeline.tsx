import { useEffect, useState } from 'react';
import type { RunDetail } from '../../api/runs.js';
import { elapsed, formatDuration, formatTime } from '../../lib/format.js';
import { StepError } from './error-words.js';

const stepLabels: Record<string, string> = {
  resolveSource: 'Resolve source',
  versionData: 'Version data',
  ensureImage: 'Ensure image',
  train: 'Train',
  collectResults: 'Collect results',
  evaluate: 'Evaluate',
  promote: 'Promote',
  report: 'Report',
};

/** The time now, ticking every second while `active` (a running step's duration grows on screen). */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** The run's eight steps in order: status, start, duration, attempts, and a failed step's error in words. */
export function StepTimeline({ steps }: { steps: RunDetail['steps'] }) {
  const now = useNow(steps.some((s) => s.status === 'running'));
  return (
    <div className="overflow-auto">
      <table className="step-timeline">
        <caption className="visually-hidden">The run's steps in order</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Status</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
            <th scope="col">Attempts</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step, i) => {
            const ms = elapsed(step.startedAt, step.finishedAt, now);
            return (
              <tr key={step.name} data-step={step.name} data-status={step.status}>
                <th scope="row">
                  {i + 1}. {stepLabels[step.name] ?? step.name}
                  {step.error ? <StepError error={step.error} /> : null}
                </th>
                <td>
                  <span className={`status status-${step.status}`}>{step.status}</span>
                </td>
                <td>{formatTime(step.startedAt)}</td>
                <td data-duration>{ms === undefined ? '—' : formatDuration(ms)}</td>
                <td>{step.attempts ?? 0}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
