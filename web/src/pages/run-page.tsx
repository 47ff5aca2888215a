import { lazy, Suspense, useMemo } from 'react';
import { ApiError } from '../api/client.js';
import { isFinal, isRunId, useRun } from '../api/runs.js';
import { useSession } from '../api/session.js';
import { usePageReady } from '../components/page-ready.js';
import { DecisionView, ReproductionView } from '../components/run/decision-view.js';
import { LineageList } from '../components/run/lineage-list.js';
import { lineageNodes } from '../components/run/lineage-nodes.js';
import { RunActions } from '../components/run/run-actions.js';
import { RunHeader } from '../components/run/run-header.js';
import { StepTimeline } from '../components/run/step-timeline.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import '../components/run/run.css';

// @xyflow/react and dagre load only when a run page shows a graph: they stay out of the first JavaScript.
const LineageGraph = lazy(() => import('../components/run/lineage-graph.js'));

/** One run: its steps as they happen, its lineage as a graph and as values, its decision, and what an operator can do. */
export function RunPage({ id }: { id: string }) {
  const run = useRun(id);
  const session = useSession();
  const chain = useMemo(() => (run.data ? lineageNodes(run.data) : []), [run.data]);
  usePageReady('run', run.data !== undefined || run.isError);

  if (!isRunId(id)) {
    return (
      <section>
        <h1>Run not found</h1>
        <ErrorState error={new Error(`'${id}' is not a run id: run ids are letters, digits, dots, dashes and underscores.`)} />
      </section>
    );
  }
  if (run.isPending) return <Loading what="the run" />;
  if (run.isError) {
    return (
      <section>
        <h1>{run.error instanceof ApiError && run.error.status === 404 ? 'Run not found' : 'Run unavailable'}</h1>
        <ErrorState error={run.error} />
      </section>
    );
  }
  const r = run.data;
  return (
    <div className="run-page">
      <RunHeader run={r} />
      {session.data?.role === 'operator' ? <RunActions run={r} /> : null}
      <section aria-labelledby="steps-title">
        <h2 id="steps-title">Steps</h2>
        <StepTimeline steps={r.steps} />
      </section>
      <section aria-labelledby="lineage-title">
        <h2 id="lineage-title">Lineage</h2>
        {chain.length === 0 ? (
          <Empty>No lineage yet: the run has not resolved its commit.</Empty>
        ) : (
          <>
            <Suspense fallback={<Loading what="the lineage graph" />}>
              <LineageGraph chain={chain} />
            </Suspense>
            <LineageList chain={chain} />
          </>
        )}
      </section>
      <section aria-labelledby="decision-title">
        <h2 id="decision-title">{r.kind === 'reproduction' ? 'Reproduction' : 'Decision'}</h2>
        {r.reproduction ? <ReproductionView reproduction={r.reproduction} /> : null}
        {r.decision ? <DecisionView decision={r.decision} status={r.status} /> : r.reproduction ? null : <Empty>{isFinal(r.status) ? 'No decision: the run ended before it was evaluated.' : 'No decision yet: the run has not been evaluated.'}</Empty>}
      </section>
    </div>
  );
}
