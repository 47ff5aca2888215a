import { useQuery } from '@tanstack/react-query';
import { api, dataOf, type Run } from './client.js';
import type { components } from './openapi.js';

/** A run as its page reads it: the record and the links to its lineage in the systems behind it. */
export type RunDetail = components['schemas']['RunDetail'];
export type RunExternalLinks = components['schemas']['RunExternalLinks'];
/** What the API answers when it starts a run (retry, reproduce). */
export type RunAccepted = { runId: string; status: Run['status']; statusUrl: string; created: boolean };

const finalStatuses: readonly Run['status'][] = ['succeeded', 'failed', 'cancelled', 'skipped'];

/** Whether a run has ended (nothing about it changes any more but a retry or a reproduction it starts). */
export function isFinal(status: Run['status']): boolean {
  return finalStatuses.includes(status);
}

/** The API's rule for run ids: only such a string goes into a URL. */
const runIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Whether `id` can be a run id at all (checked before it is put in a request). */
export function isRunId(id: string): boolean {
  return runIdPattern.test(id);
}

/** How often a run's page asks again: every 2 s while it moves, slower while a person has to decide, never once it ended. */
function pollEvery(run: RunDetail | undefined): number | false {
  if (!run || isFinal(run.status)) return false;
  return run.status === 'waiting-approval' ? 10_000 : 2_000;
}

/** One run, polled while it goes on so its steps advance on screen. */
export function useRun(id: string) {
  return useQuery({
    queryKey: ['run', id],
    queryFn: async () => dataOf(await api.GET('/api/runs/{id}', { params: { path: { id } } })),
    enabled: isRunId(id),
    staleTime: 0,
    refetchInterval: (query) => (query.state.status === 'error' ? false : pollEvery(query.state.data)),
  });
}

/** The actions a run page offers, each one POST to the API; the answer is the changed run or the run it started. */
export const runActions = {
  approve: async (id: string, comment?: string) => dataOf(await api.POST('/api/runs/{id}/approve', { params: { path: { id } }, body: comment ? { comment } : {} })),
  reject: async (id: string, comment?: string) => dataOf(await api.POST('/api/runs/{id}/reject', { params: { path: { id } }, body: comment ? { comment } : {} })),
  cancel: async (id: string) => dataOf(await api.POST('/api/runs/{id}/cancel', { params: { path: { id } }, body: { reason: 'cancelled from the dashboard' } })),
  retry: async (id: string): Promise<RunAccepted> => dataOf(await api.POST('/api/runs/{id}/retry', { params: { path: { id } }, body: {} })),
  reproduce: async (id: string): Promise<RunAccepted> => dataOf(await api.POST('/api/runs/{id}/reproduce', { params: { path: { id } }, body: {} })),
};
