import type { Pipeline } from '../../api/client.js';
import { useLifecycle } from '../../api/pipeline-queries.js';
import { age } from '../pipelines/format.js';
import { RunNowButton } from '../pipelines/run-now-button.js';
import { RollbackButton } from './rollback-button.js';

/** The pipeline's name, description, whether it is enabled, its champion, and the operators' actions. */
export function PipelineHeader({ pipeline, operator }: { pipeline: Pipeline; operator: boolean }) {
  const lifecycle = useLifecycle(pipeline.id);
  const champion = lifecycle.data?.champion;
  return (
    <header className="pipeline-header">
      <hgroup>
        <h1>{pipeline.displayName ?? pipeline.id}</h1>
        <p>
          <code>{pipeline.id}</code>
          {pipeline.description ? <> · {pipeline.description}</> : null}
        </p>
      </hgroup>
      <dl className="facts">
        <dt>Enabled</dt>
        <dd>{pipeline.enabled ? 'yes' : 'no (disabled: no trigger starts a run)'}</dd>
        <dt>Champion</dt>
        <dd data-testid="champion">
          {lifecycle.isPending
            ? 'loading…'
            : lifecycle.isError
              ? `unavailable (${lifecycle.error.message})`
              : champion
                ? `${champion.modelName} version ${champion.version}, ${champion.how} ${age(champion.since)} ago`
                : 'none yet'}
        </dd>
      </dl>
      {operator ? (
        <div className="actions">
          <RunNowButton pipelineId={pipeline.id} />
          <RollbackButton pipelineId={pipeline.id} championVersion={champion?.version} />
        </div>
      ) : null}
    </header>
  );
}
