import { Link } from 'wouter';
import { usePipelinesOverview, type PipelineOverview } from '../api/pipeline-queries.js';
import { useSession } from '../api/session.js';
import { usePageReady } from '../components/page-ready.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { age, metric, when } from './pipelines/format.js';
import { RunNowButton } from './pipelines/run-now-button.js';

/** Pipelines: every pipeline with its champion, last run, next scheduled slot and (for operators) "Run now". */
export function PipelinesPage() {
  const overview = usePipelinesOverview();
  const operator = useSession().data?.role === 'operator';
  usePageReady('pipelines', overview.isSuccess);
  const items = overview.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="pipelines-title">
      <h1 id="pipelines-title">Pipelines</h1>
      {overview.isPending ? (
        <Loading what="pipelines" />
      ) : overview.isError ? (
        <ErrorState error={overview.error} />
      ) : items.length === 0 ? (
        <Empty>
          No pipelines yet: register one with <code>PUT /api/pipelines/{'{id}'}</code> (see the <a href="/api/openapi.json">API document</a>).
        </Empty>
      ) : (
        <>
          <div className="overflow-auto">
            <table className="striped">
              <thead>
                <tr>
                  <th scope="col">Pipeline</th>
                  <th scope="col">Enabled</th>
                  <th scope="col">Champion</th>
                  <th scope="col">Last run</th>
                  <th scope="col">Next slot</th>
                  {operator ? <th scope="col">Actions</th> : null}
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <PipelineRow key={item.pipeline.id} item={item} operator={operator} />
                ))}
              </tbody>
            </table>
          </div>
          {overview.hasNextPage ? (
            <button type="button" className="secondary" onClick={() => void overview.fetchNextPage()} aria-busy={overview.isFetchingNextPage} disabled={overview.isFetchingNextPage}>
              More pipelines
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

/** One pipeline's row. */
function PipelineRow({ item, operator }: { item: PipelineOverview; operator: boolean }) {
  const { pipeline, champion, lastRun, nextSlot } = item;
  return (
    <tr data-pipeline={pipeline.id}>
      <th scope="row">
        <Link href={`/pipelines/${encodeURIComponent(pipeline.id)}`}>{pipeline.id}</Link>
        {pipeline.description ? <small className="description">{pipeline.description}</small> : null}
      </th>
      <td>{pipeline.enabled ? 'yes' : 'no (disabled)'}</td>
      <td>
        {champion ? (
          <>
            v{champion.version} · {age(champion.since)}
            {champion.primaryMetric ? (
              <small>
                {champion.primaryMetric.name} {metric(champion.primaryMetric.value)}
              </small>
            ) : null}
          </>
        ) : (
          'none yet'
        )}
      </td>
      <td>
        {lastRun ? (
          <>
            <span className={`status status-${lastRun.status}`}>{lastRun.status}</span> ·{' '}
            <Link href={`/runs/${encodeURIComponent(lastRun.id)}`}>{when(lastRun.startedAt ?? lastRun.createdAt)}</Link>
          </>
        ) : (
          'no runs'
        )}
      </td>
      <td>{nextSlot ? <time dateTime={nextSlot}>{when(nextSlot)}</time> : '—'}</td>
      {operator ? (
        <td>
          <RunNowButton pipelineId={pipeline.id} />
        </td>
      ) : null}
    </tr>
  );
}
