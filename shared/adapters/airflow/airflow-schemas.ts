import { z } from '../../domain/zod.js';

/*
 * The parts of Airflow's REST responses the adapter reads (external-apis §1.3, §1.4). Loose objects: both API
 * versions add fields over time, and only these must be there.
 */

/** `POST /auth/token` (Airflow 3 simple auth manager). */
export const tokenResponseSchema = z.looseObject({ access_token: z.string().min(1) });

/** A DAG run (`DAGRunResponse` in /api/v2, `DAGRun` in /api/v1). */
export const dagRunSchema = z.looseObject({
  dag_run_id: z.string().min(1),
  dag_id: z.string().min(1),
  state: z.string().nullable(),
  conf: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type DagRunBody = z.infer<typeof dagRunSchema>;

/** `POST /dags/~/dagRuns/list` (`DAGRunCollectionResponse` in /api/v2, `DAGRunCollection` in /api/v1). */
export const dagRunListSchema = z.looseObject({
  dag_runs: z.array(dagRunSchema.extend({ end_date: z.string().nullable().optional() })),
});

/** `GET .../dagRuns/{id}/taskInstances`. */
export const taskInstancesSchema = z.looseObject({
  task_instances: z.array(
    z.looseObject({
      task_id: z.string(),
      state: z.string().nullable(),
      try_number: z.number().int().nonnegative(),
      map_index: z.number().int().optional(),
      end_date: z.string().nullable().optional(),
    }),
  ),
});
export type TaskInstanceBody = z.infer<typeof taskInstancesSchema>['task_instances'][number];

/** One structured log event of Airflow 3 (`{timestamp, level, event, ...}`), or a plain line. */
const logLineSchema = z.union([z.string(), z.looseObject({ event: z.unknown().optional(), timestamp: z.unknown().optional(), level: z.unknown().optional() })]);

/** `GET .../logs/{try}` as JSON: a list of events (Airflow 3) or one string (Airflow 2). */
export const taskLogSchema = z.looseObject({
  content: z.union([z.string(), z.array(logLineSchema)]),
  continuation_token: z.string().nullable().optional(),
});
export type TaskLogBody = z.infer<typeof taskLogSchema>;

/** Error bodies: `{detail}` (v2: a string, or a list of validation issues) or RFC 7807 problem+json (v1). */
const errorSchema = z.looseObject({
  detail: z.union([z.string(), z.array(z.looseObject({ loc: z.array(z.union([z.string(), z.number()])).optional(), msg: z.string().optional() })), z.unknown()]).optional(),
  title: z.string().optional(),
});

/** A readable message from an Airflow error body. Validation issues are reduced to location and message: their `input` may echo a request body. */
export function describeAirflowError(body: unknown): string | undefined {
  const parsed = errorSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { detail, title } = parsed.data;
  if (typeof detail === 'string') return title && title !== detail ? `${title}: ${detail}` : detail;
  if (Array.isArray(detail)) {
    return detail
      .map((d) => {
        const issue = d as { loc?: (string | number)[]; msg?: string };
        return `${(issue.loc ?? []).join('.')}: ${issue.msg ?? 'invalid'}`;
      })
      .join('; ');
  }
  return title;
}
