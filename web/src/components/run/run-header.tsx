import { Fragment } from 'react';
import { Link } from 'wouter';
import type { RunDetail } from '../../api/runs.js';
import { elapsed, formatDuration, formatTime } from '../../lib/format.js';

const runHref = (id: string) => `/runs/${encodeURIComponent(id)}`;

/** A run's identity and state: pipeline, kind, status (announced when it changes), trigger, times and related runs. */
export function RunHeader({ run }: { run: RunDetail }) {
  const took = elapsed(run.createdAt, run.finishedAt, Date.now());
  const related: [string, string | undefined][] = [
    ['Retry of', run.retryOf],
    ['Reproduction of', run.reproduceOf],
    ['Queued behind', run.queuedBehind],
  ];
  return (
    <header className="run-header">
      <hgroup>
        <h1>
          Run <code>{run.id}</code>
        </h1>
        <p>
          Status:{' '}
          <strong aria-live="polite" aria-atomic="true" data-testid="run-status" className={`status status-${run.status}`}>
            {run.status}
          </strong>
          {run.reason ? <> — {run.reason}</> : null}
        </p>
      </hgroup>
      <dl className="facts">
        <dt>Pipeline</dt>
        <dd>
          <Link href={`/pipelines/${encodeURIComponent(run.pipelineId)}`}>{run.pipelineId}</Link>
        </dd>
        <dt>Kind</dt>
        <dd>{run.kind ?? 'training'}</dd>
        <dt>Trigger</dt>
        <dd data-testid="run-trigger">
          {run.trigger.kind}
          {run.trigger.actor ? <> by {run.trigger.actor}</> : null}
          {run.trigger.reason ? <> — {run.trigger.reason}</> : null}
        </dd>
        {run.ref ? (
          <>
            <dt>Ref</dt>
            <dd>
              <code>{run.ref}</code>
            </dd>
          </>
        ) : null}
        <dt>Started</dt>
        <dd>{formatTime(run.createdAt)}</dd>
        {run.finishedAt && took !== undefined ? (
          <>
            <dt>Finished</dt>
            <dd>
              {formatTime(run.finishedAt)} (took {formatDuration(took)})
            </dd>
          </>
        ) : null}
        {related.map(([label, id]) =>
          id ? (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd>
                <Link href={runHref(id)}>{id}</Link>
              </dd>
            </Fragment>
          ) : null,
        )}
      </dl>
    </header>
  );
}
