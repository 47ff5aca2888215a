import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, dataOf } from '../../api/client.js';
import { when } from '../pipelines/format.js';

/**
 * Operators' "Roll back": a second step asks to confirm (with an optional reason) before the champion alias moves
 * back, then shows the rollback record or the API's problem in words.
 */
export function RollbackButton({ pipelineId, championVersion }: { pipelineId: string; championVersion: string | undefined }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const rollback = useMutation({
    mutationFn: async () =>
      dataOf(await api.POST('/api/pipelines/{id}/rollback', { params: { path: { id: pipelineId } }, body: reason.trim() ? { reason: reason.trim() } : {} })),
    onSettled: () => {
      setConfirming(false);
      return queryClient.invalidateQueries({ predicate: (q) => q.queryKey.includes(pipelineId) || q.queryKey[0] === 'pipelines-overview' });
    },
  });
  return (
    <div className="rollback">
      {confirming ? (
        <form
          aria-label="Confirm the rollback"
          onSubmit={(e) => {
            e.preventDefault();
            rollback.mutate();
          }}
        >
          <p>
            Move the champion of <strong>{pipelineId}</strong> back from version {championVersion ?? '(none)'} to the previous champion?
          </p>
          <label>
            Reason (optional)
            <input name="reason" value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div role="group">
            <button type="submit" aria-busy={rollback.isPending} disabled={rollback.isPending}>
              Confirm roll back
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="outline secondary" onClick={() => setConfirming(true)}>
          Roll back
        </button>
      )}
      <p role="status" className="action-result">
        {rollback.isSuccess ? (
          <>
            Rolled back {rollback.data.modelName} from version {rollback.data.fromVersion ?? '?'} to {rollback.data.toVersion} at {when(rollback.data.at)}.
          </>
        ) : rollback.isError ? (
          <span className="problem">{rollback.error.message}</span>
        ) : null}
      </p>
    </div>
  );
}
