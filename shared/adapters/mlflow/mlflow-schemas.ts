import { z } from '../../domain/zod.js';

/*
 * The parts of MLflow's REST responses the adapter reads (external-apis §2.1): snake_case, int64 as numbers, tags,
 * params and metrics as `[{key, value}]` lists. Loose objects, since MLflow 3 keeps adding fields.
 */

const keyValue = z.looseObject({ key: z.string(), value: z.string() });
// Non-finite metric values arrive as the strings "NaN" / "Infinity" (protobuf JSON).
const metric = z.looseObject({ key: z.string(), value: z.union([z.number(), z.string()]) });

export const experimentResponseSchema = z.looseObject({
  experiment: z.looseObject({ experiment_id: z.string(), name: z.string(), lifecycle_stage: z.string().optional() }),
});

export const runSchema = z.looseObject({
  info: z.looseObject({
    run_id: z.string(),
    experiment_id: z.string(),
    status: z.string(),
    artifact_uri: z.string().optional(),
    start_time: z.number().optional(),
  }),
  data: z
    .looseObject({ metrics: z.array(metric).optional(), params: z.array(keyValue).optional(), tags: z.array(keyValue).optional() })
    .optional(),
  outputs: z.looseObject({ model_outputs: z.array(z.looseObject({ model_id: z.string() })).optional() }).optional(),
});
export type MlflowRun = z.infer<typeof runSchema>;

export const runResponseSchema = z.looseObject({ run: runSchema });
export const searchRunsResponseSchema = z.looseObject({ runs: z.array(runSchema).optional(), next_page_token: z.string().optional() });

export const modelVersionSchema = z.looseObject({
  name: z.string(),
  version: z.union([z.string(), z.number()]).transform(String),
  status: z.string().optional(),
  status_message: z.string().optional(),
  run_id: z.string().optional(),
  source: z.string().optional(),
  tags: z.array(keyValue).optional(),
  aliases: z.array(z.string()).optional(),
  creation_timestamp: z.number().optional(),
});
export type MlflowModelVersion = z.infer<typeof modelVersionSchema>;

export const modelVersionResponseSchema = z.looseObject({ model_version: modelVersionSchema });
export const searchModelVersionsResponseSchema = z.looseObject({ model_versions: z.array(modelVersionSchema).optional(), next_page_token: z.string().optional() });

const errorSchema = z.looseObject({ error_code: z.string(), message: z.string().optional() });

/** MLflow's `error_code` of an error body, if it has one. */
export function mlflowErrorCode(body: unknown): string | undefined {
  const parsed = errorSchema.safeParse(body);
  return parsed.success ? parsed.data.error_code : undefined;
}

/** A readable message from an MLflow error body (`ERROR_CODE: message`). */
export function describeMlflowError(body: unknown): string | undefined {
  const parsed = errorSchema.safeParse(body);
  if (!parsed.success) return undefined;
  return parsed.data.message ? `${parsed.data.error_code}: ${parsed.data.message}` : parsed.data.error_code;
}

/** `[{key, value}]` as a record (a later duplicate key wins, as MLflow itself keeps the latest). */
export function toRecord(list: { key: string; value: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, kv.value]));
}

/** Metrics as finite numbers by key; "NaN"/"Infinity" and the like are left out (a policy cannot compare them). */
export function toMetrics(list: { key: string; value: number | string }[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of list ?? []) {
    const v = typeof m.value === 'number' ? m.value : Number(m.value);
    if (Number.isFinite(v)) out[m.key] = v;
  }
  return out;
}
