import { ApiError } from '../api/client.js';
import { usePipeline } from '../api/pipeline-queries.js';
import { useSession } from '../api/session.js';
import { usePageReady } from '../components/page-ready.js';
import { ErrorState, Loading } from '../components/states.js';
import { MetricsSection } from './pipeline/metrics-section.js';
import { PipelineHeader } from './pipeline/pipeline-header.js';
import { RulesSection } from './pipeline/rules-section.js';
import { RunsSection } from './pipeline/runs-section.js';
import { TriggerLog } from './pipeline/trigger-log.js';

/** One pipeline: its champion and actions, metrics over runs, the runs, the trigger log and its rules in words. */
export function PipelinePage({ id }: { id: string }) {
  const pipeline = usePipeline(id);
  const operator = useSession().data?.role === 'operator';
  // With the pipeline found, its runs section says when the page is shown.
  usePageReady('pipeline', pipeline.isError);
  if (pipeline.isPending) return <Loading what={`pipeline ${id}`} />;
  if (pipeline.isError) {
    const notFound = pipeline.error instanceof ApiError && pipeline.error.status === 404;
    return (
      <section aria-labelledby="pipeline-missing">
        <h1 id="pipeline-missing">{notFound ? `No pipeline named ${id}` : `Pipeline ${id}`}</h1>
        <ErrorState error={pipeline.error} />
      </section>
    );
  }
  return (
    <article className="pipeline-page">
      <PipelineHeader pipeline={pipeline.data} operator={operator} />
      <MetricsSection pipeline={pipeline.data} />
      <RunsSection pipelineId={pipeline.data.id} />
      <TriggerLog pipelineId={pipeline.data.id} />
      <RulesSection pipeline={pipeline.data} />
    </article>
  );
}
