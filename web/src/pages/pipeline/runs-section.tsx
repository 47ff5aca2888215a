import { useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import type { Run } from '../../api/client.js';
import { runStatuses, useRunsPage } from '../../api/pipeline-queries.js';
import { usePageReady } from '../../components/page-ready.js';
import { Empty, ErrorState, Loading } from '../../components/states.js';
import { span, when } from '../pipelines/format.js';

/** The page size the runs table asks for; `?limit=` in the page's URL overrides it (1-100). */
const defaultLimit = 20;

/** The pipeline's runs, newest first: filtered by status and paged, both kept in the page's URL for deep links. */
export function RunsSection({ pipelineId }: { pipelineId: string }) {
  const [search, setSearch] = useSearchParams();
  const status = runStatuses.find((s) => s === search.get('status'));
  const limitParam = Number(search.get('limit'));
  const limit = Number.isInteger(limitParam) && limitParam >= 1 && limitParam <= 100 ? limitParam : defaultLimit;
  // The tokens of the pages before this one: "Previous page" pops, "Next page" pushes.
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const token = tokens.at(-1);
  const runs = useRunsPage(pipelineId, { status, limit, token });
  // The pipeline's page is shown once its runs are (or why they are not).
  usePageReady('pipeline', !runs.isPending);
  const chooseStatus = (value: string) => {
    setTokens([undefined]);
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set('status', value);
      else next.delete('status');
      return next;
    });
  };
  const next = runs.data?.continuationToken;
  return (
    <section aria-labelledby="runs-title">
      <h2 id="runs-title">Runs</h2>
      <label>
        Status
        <select name="status" value={status ?? ''} onChange={(e) => chooseStatus(e.target.value)}>
          <option value="">all</option>
          {runStatuses.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      {runs.isPending ? (
        <Loading what="runs" />
      ) : runs.isError ? (
        <ErrorState error={runs.error} />
      ) : runs.data.items.length === 0 ? (
        <Empty>{status ? `No ${status} runs.` : 'No runs yet.'}</Empty>
      ) : (
        <div className="overflow-auto">
          <table className="striped runs" aria-busy={runs.isPlaceholderData}>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Trigger</th>
                <th scope="col">Started</th>
                <th scope="col">Duration</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.items.map((run) => (
                <RunRow key={run.id} run={run} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Runs pages" className="pager">
        <button type="button" className="secondary" disabled={tokens.length <= 1} onClick={() => setTokens((t) => t.slice(0, -1))}>
          Previous page
        </button>
        <button type="button" className="secondary" disabled={!next || runs.isPlaceholderData} onClick={() => setTokens((t) => [...t, next])}>
          Next page
        </button>
      </nav>
    </section>
  );
}

/** One run's row. */
function RunRow({ run }: { run: Run }) {
  const started = run.steps.find((s) => s.startedAt !== undefined)?.startedAt ?? run.createdAt;
  const duration = run.finishedAt ? (span(Date.parse(run.finishedAt) - Date.parse(started)) ?? 'under a second') : run.status === 'queued' ? '—' : 'running';
  return (
    <tr data-run={run.id}>
      <th scope="row">
        <Link href={`/runs/${encodeURIComponent(run.id)}`}>{run.id}</Link>
      </th>
      <td>{run.kind}</td>
      <td>
        <span className={`status status-${run.status}`}>{run.status}</span>
      </td>
      <td>
        {run.trigger.kind}
        {run.trigger.actor ? ` by ${run.trigger.actor}` : ''}
      </td>
      <td>
        <time dateTime={started}>{when(started)}</time>
      </td>
      <td>{duration}</td>
      <td>{run.decision?.outcome ?? '—'}</td>
    </tr>
  );
}
