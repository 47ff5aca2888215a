import { z } from './zod.js';

/*
 * The W3C Trace Context `traceparent` (https://www.w3.org/TR/trace-context/#traceparent-header): version 00, a
 * 32-hex trace id, a 16-hex parent span id and the flags. A run stores its trigger's, so every system the run
 * touches (activities, Airflow, MLflow) can put its own work into that one trace. It names spans, never a secret.
 */

const pattern = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;

/** A valid version-00 `traceparent` (no all-zero ids), as the run record and the orchestration input keep it. */
export const traceparentSchema = z.string().regex(pattern, 'must be a W3C traceparent (00-<32 hex>-<16 hex>-<2 hex>)');

/** The trace id (32 hex) of a `traceparent`, or undefined when the value is not one. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  return traceparent !== undefined && pattern.test(traceparent) ? traceparent.slice(3, 35) : undefined;
}
