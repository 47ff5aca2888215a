import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, dataOf } from '../../api/client.js';

/** Operators' "Run now": starts a training run and says what happened (the run, or the API's problem in words). */
export function RunNowButton({ pipelineId }: { pipelineId: string }) {
  const queryClient = useQueryClient();
  const start = useMutation({
    mutationFn: async () => dataOf(await api.POST('/api/pipelines/{id}/runs', { params: { path: { id: pipelineId } }, body: { reason: 'Run now from the dashboard', force: false } })),
    onSettled: () => queryClient.invalidateQueries({ predicate: (q) => q.queryKey.includes(pipelineId) || q.queryKey[0] === 'pipelines-overview' }),
  });
  return (
    <span className="run-now">
      <button type="button" className="outline" onClick={() => start.mutate()} aria-busy={start.isPending} disabled={start.isPending} aria-label={`Run now: ${pipelineId}`}>
        Run now
      </button>
      <span role="status" className="action-result">
        {start.isSuccess ? (
          <>
            {start.data.status === 'queued' ? 'Queued' : 'Started'} <Link href={`/runs/${encodeURIComponent(start.data.runId)}`}>{start.data.runId}</Link>
          </>
        ) : start.isError ? (
          <span className="problem">{start.error.message}</span>
        ) : null}
      </span>
    </span>
  );
}
