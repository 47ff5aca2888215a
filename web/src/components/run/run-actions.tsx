import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { ApiError } from '../../api/client.js';
import { isFinal, runActions, type RunAccepted, type RunDetail } from '../../api/runs.js';

type Action = 'approve' | 'reject' | 'cancel' | 'retry' | 'reproduce';

const buttonText: Record<Action, string> = { approve: 'Approve', reject: 'Reject', cancel: 'Cancel run', retry: 'Retry', reproduce: 'Reproduce' };
/** Actions that undo work or refuse a model ask first. */
const confirmText: Partial<Record<Action, string>> = {
  reject: 'Reject this promotion? The challenger will not become the champion.',
  cancel: 'Cancel this run? Its work so far stops, and its Airflow run is marked failed.',
};
const doneText: Record<Action, string> = { approve: 'Approved.', reject: 'Rejected.', cancel: 'Cancelled.', retry: 'Retry started:', reproduce: 'Reproduction started:' };

/** Whether a finished run trained a model that can be reproduced (what the API requires of an original). */
function trained(run: RunDetail): boolean {
  const l = run.lineage ?? {};
  return Boolean(l.commitSha && l.data?.fingerprint && l.image?.digest && l.mlflow && Object.keys(l.mlflow.metrics).length > 0);
}

/** The actions the run's state allows, in the order they are offered. */
export function applicableActions(run: RunDetail): Action[] {
  const actions: Action[] = [];
  if (run.status === 'waiting-approval') actions.push('approve', 'reject');
  if (!isFinal(run.status)) actions.push('cancel');
  if (run.status === 'failed' || run.status === 'cancelled') actions.push('retry');
  if (isFinal(run.status) && trained(run)) actions.push('reproduce');
  return actions;
}

/** The buttons of the actions that apply to the run (operators only), with a confirmation for destructive ones. */
export function RunActions({ run }: { run: RunDetail }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [comment, setComment] = useState('');
  const mutation = useMutation({
    mutationFn: async (action: Action): Promise<unknown> => {
      if (action === 'approve' || action === 'reject') return runActions[action](run.id, comment.trim() || undefined);
      return runActions[action](run.id);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['run', run.id] }),
  });
  const actions = applicableActions(run);
  if (actions.length === 0 && mutation.isIdle) return null;
  const run_ = (action: Action) => {
    setConfirming(null);
    mutation.mutate(action);
  };
  const started = mutation.data && typeof mutation.data === 'object' && 'runId' in mutation.data ? (mutation.data as RunAccepted) : undefined;
  return (
    <section aria-labelledby="actions-title" className="run-actions">
      <h2 id="actions-title">Actions</h2>
      {run.status === 'waiting-approval' ? (
        <label>
          Comment (optional)
          <textarea name="comment" rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
        </label>
      ) : null}
      {confirming ? (
        <div role="alertdialog" aria-labelledby="confirm-text" className="confirm">
          <p id="confirm-text">{confirmText[confirming]}</p>
          <div role="group">
            <button type="button" className="secondary" onClick={() => run_(confirming)}>
              Yes, {buttonText[confirming].toLowerCase()}
            </button>
            <button type="button" className="outline" onClick={() => setConfirming(null)}>
              No, keep it
            </button>
          </div>
        </div>
      ) : (
        <div className="action-buttons">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={confirmText[action] ? 'secondary' : undefined}
              disabled={mutation.isPending}
              aria-busy={mutation.isPending && mutation.variables === action}
              onClick={() => (confirmText[action] ? setConfirming(action) : run_(action))}
            >
              {buttonText[action]}
            </button>
          ))}
        </div>
      )}
      <div aria-live="polite" data-testid="action-result">
        {mutation.isSuccess && mutation.variables ? (
          <p>
            {doneText[mutation.variables]}{' '}
            {started ? <Link href={`/runs/${encodeURIComponent(started.runId)}`}>run {started.runId}</Link> : null}
          </p>
        ) : null}
        {mutation.isError ? (
          <p role="alert" className="error-state">
            {mutation.error instanceof ApiError ? `${mutation.error.code}: ` : ''}
            {mutation.error.message}
          </p>
        ) : null}
      </div>
    </section>
  );
}
