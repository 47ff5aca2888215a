import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, dataOf, type Pipeline, type Run } from './client.js';
import type { components } from './openapi.js';

/** One row of the pipelines overview: the pipeline, its champion, newest run and next scheduled slot. */
export type PipelineOverview = components['schemas']['PipelineOverview'];
/** A run's status, as the runs filter offers it. */
export type RunStatus = Run['status'];

/** The statuses a run can have, in the order the filter lists them. */
export const runStatuses: readonly RunStatus[] = ['queued', 'running', 'waiting-approval', 'succeeded', 'failed', 'cancelled', 'skipped'];

/** Every page of the pipelines overview read so far (the API's default page: 50, or its maximum when smaller). */
export function usePipelinesOverview() {
  return useInfiniteQuery({
    queryKey: ['pipelines-overview'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      dataOf(await api.GET('/api/pipelines-overview', { params: { query: pageParam ? { continuationToken: pageParam } : {} } })),
    getNextPageParam: (last) => last.continuationToken,
  });
}

/** One pipeline. */
export function usePipeline(id: string) {
  return useQuery({ queryKey: ['pipeline', id], queryFn: async () => dataOf(await api.GET('/api/pipelines/{id}', { params: { path: { id } } })) });
}

/** The pipeline's champion and its former champions. */
export function useLifecycle(id: string) {
  return useQuery({ queryKey: ['lifecycle', id], queryFn: async () => dataOf(await api.GET('/api/pipelines/{id}/lifecycle', { params: { path: { id }, query: { limit: 1 } } })) });
}

/** One page of the pipeline's runs, newest first, filtered by status. */
export function useRunsPage(id: string, opts: { status: RunStatus | undefined; limit: number; token: string | undefined }) {
  return useQuery({
    queryKey: ['runs', id, opts.status ?? 'all', opts.limit, opts.token ?? ''],
    queryFn: async () =>
      dataOf(
        await api.GET('/api/pipelines/{id}/runs', {
          params: { path: { id }, query: { limit: opts.limit, ...(opts.status ? { status: opts.status } : {}), ...(opts.token ? { continuationToken: opts.token } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The newest runs the chart plots: the API's default page (50, or its maximum when smaller). */
export function useRecentRuns(id: string) {
  return useQuery({ queryKey: ['recent-runs', id], queryFn: async () => dataOf(await api.GET('/api/pipelines/{id}/runs', { params: { path: { id } } })) });
}

/** One page of the pipeline's trigger log, newest first. */
export function useTriggerLog(id: string, token: string | undefined) {
  return useQuery({
    queryKey: ['triggers', id, token ?? ''],
    queryFn: async () => dataOf(await api.GET('/api/pipelines/{id}/triggers', { params: { path: { id }, query: { limit: 20, ...(token ? { continuationToken: token } : {}) } } })),
    placeholderData: keepPreviousData,
  });
}

/** A guard-rail of the promotion policy. */
export interface Guardrail {
  metric: string;
  direction: 'maximize' | 'minimize';
  threshold?: number;
  maxRegression?: number;
}

/**
 * The policy's guard-rails. The OpenAPI document states "a threshold, a maxRegression or both" with `anyOf`, which the
 * type generator widens to `unknown`: each one is checked here instead of cast.
 */
export function guardrailsOf(pipeline: Pipeline): Guardrail[] {
  return pipeline.policy.guardrails.filter(isGuardrail);
}

function isGuardrail(g: unknown): g is Guardrail {
  if (typeof g !== 'object' || g === null) return false;
  const r = g as Record<string, unknown>;
  return typeof r.metric === 'string' && (r.direction === 'maximize' || r.direction === 'minimize');
}
