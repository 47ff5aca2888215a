import type { z } from '../../shared/domain/zod.js';
import { isAppError } from '../../shared/domain/errors.js';
import type { ActivityResult, ActivitySpec } from '../../shared/durable/activity-spec.js';
import { MAX_PAYLOAD_BYTES } from '../../shared/durable/activity-spec.js';
import type { Logger } from '../../shared/logging/logger.js';
import { runTraceOf } from '../../shared/durable/run-trace.js';
import { noTracing, traceAttributes, type RunTracing } from '../../shared/ports/run-tracing.js';

/** A Durable activity handler: receives the decoded JSON input, returns a JSON-able result. */
export type ActivityHandler = (input: unknown) => Promise<ActivityResult<unknown>>;

/**
 * Adapt an activity implementation to the engine. Input and output are checked against the contract. A permanent
 * `AppError` comes back as `{ ok: false, error }`, because the engine retries anything thrown; retryable errors (and
 * unexpected ones, which may be an unmapped network fault: retries are safe since every activity is idempotent) are
 * thrown with a readable message for the engine's retry policy.
 */
export function activityHandler<I extends z.ZodType, O extends z.ZodType>(
  spec: ActivitySpec<I, O>,
  impl: (input: z.output<I>) => Promise<z.input<O>>,
  log: Logger,
  tracing: RunTracing = noTracing,
): ActivityHandler {
  const step = stepOfActivity[spec.name] ?? spec.name;
  // One span per delivery, a child of the run's trace that the orchestration handed on (`run-trace.ts`).
  return (raw) => {
    const trace = runTraceOf(raw);
    const fields = { [traceAttributes.step]: step, [traceAttributes.pipelineId]: trace.pipelineId };
    // The delivery's own lines name its run whether or not tracing is on (without a context manager, the run id
    // that the span's context carries does not reach the logger).
    const handle = run(spec, impl, trace.runId !== undefined ? withFields(log, { runId: trace.runId }) : log);
    return tracing.inSpan(spec.name, { role: 'step', ...(trace.traceparent !== undefined ? { parent: trace.traceparent } : {}), ...(trace.runId !== undefined ? { runId: trace.runId } : {}), fields }, () => handle(raw));
  };
}

/** `log` with `fields` on every line (a line's own fields come after them). */
function withFields(log: Logger, fields: Record<string, unknown>): Logger {
  return {
    debug: (m, f) => log.debug(m, { ...fields, ...f }),
    info: (m, f) => log.info(m, { ...fields, ...f }),
    warn: (m, f) => log.warn(m, { ...fields, ...f }),
    error: (m, f) => log.error(m, { ...fields, ...f }),
  };
}

/** The step of the run each activity works on (its span's `mlcycle.step`). */
const stepOfActivity: Record<string, string> = {
  startRun: 'resolveSource',
  startImageBuild: 'ensureImage',
  pollImageBuild: 'ensureImage',
  startTraining: 'train',
  pollTraining: 'train',
};

function run<I extends z.ZodType, O extends z.ZodType>(spec: ActivitySpec<I, O>, impl: (input: z.output<I>) => Promise<z.input<O>>, log: Logger): ActivityHandler {
  return async (raw) => {
    const input = spec.input.safeParse(raw);
    if (!input.success) {
      return { ok: false, error: { code: 'VALIDATION', message: `${spec.name}: invalid input (${input.error.issues.map((i) => i.path.join('.') + ' ' + i.message).join('; ')})`.slice(0, 2000) } };
    }
    try {
      const value = spec.output.parse(await impl(input.data)) as unknown;
      if (JSON.stringify(value).length > MAX_PAYLOAD_BYTES) {
        return { ok: false, error: { code: 'INTERNAL', message: `${spec.name}: output exceeds ${MAX_PAYLOAD_BYTES} bytes` } };
      }
      return { ok: true, value };
    } catch (e) {
      if (isAppError(e) && !e.retryable) {
        log.warn('activity failed permanently', { activity: spec.name, code: e.code, message: e.message });
        return { ok: false, error: { code: e.code, message: e.message.slice(0, 4000) } };
      }
      const message = isAppError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      log.warn('activity failed, will be retried', { activity: spec.name, message });
      throw new Error(message.split('\n')[0]?.slice(0, 2000), { cause: e });
    }
  };
}
