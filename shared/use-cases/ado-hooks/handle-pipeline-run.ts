import type { AdoHookEvent } from '../../domain/ado-hooks/event.js';
import { isSafeId } from '../../domain/ids.js';
import { eventNames, imageInstanceId } from '../../durable/instance-ids.js';
import type { HookEvaluation } from './deps.js';

type PipelineRunEvent = Extract<AdoHookEvent, { type: 'pipeline-run' }>;

/** The run-name prefix the image pipeline gives its runs (`mlcycle-<run id>`). */
const runNamePrefix = 'mlcycle-';

/**
 * A pipeline run finished: if it is the image build a run waits for — the run its name points at recorded this very
 * Azure Pipelines run as its build — wake that run's image wait. The wait confirms the build's state itself, so the
 * event only saves it a poll. Anything else is recorded and ignored.
 */
export async function handlePipelineRun(ev: HookEvaluation, event: PipelineRunEvent): Promise<string> {
  if (event.state.toLowerCase() !== 'completed') return `pipeline run ${event.adoRunId} is ${event.state}, not finished`;
  const candidate = event.name.startsWith(runNamePrefix) ? event.name.slice(runNamePrefix.length) : '';
  const run = isSafeId(candidate) ? await ev.deps.runs.find(candidate) : null;
  const buildId = `ado-${event.adoPipelineId}-${event.adoRunId}`;
  if (!run || run.lineage.image?.buildId !== buildId) return `no run waits for Azure Pipelines run ${event.adoRunId} of pipeline ${event.adoPipelineId}`;
  const outcome = await ev.deps.orchestrations.raise(imageInstanceId(run.id), eventNames.imageBuilt, { buildId });
  ev.outcomes.push({ pipelineId: run.pipelineId, decision: 'woken', runId: run.id, detail: `image build ${buildId} ${event.result ?? 'finished'}; the run's image wait was ${outcome === 'raised' ? 'woken' : 'already over'}` });
  return `woke run ${run.id}`;
}
