import { boundedRecord, z } from '../zod.js';
import { signalSeverities, signalSeveritySchema, type SignalSeverity } from '../pipeline.js';

/** Who sent a signal: a monitor's name, letters and digits first, then also `. _ - : / @ +` and spaces. */
export const signalSourcePattern = /^[A-Za-z0-9][A-Za-z0-9 ._:/@+-]{0,199}$/;

/** What a signal reports: one of the well-known kinds, or a custom lowercase word (letters, digits, dashes). */
export const signalKindPattern = /^[a-z][a-z0-9-]{0,39}$/;
export const wellKnownSignalKinds = ['drift', 'performance', 'data-quality', 'alert'] as const;

/** The sender's idempotency key: printable ASCII without spaces. */
export const signalIdPattern = /^[\x21-\x7e]{1,255}$/;

/**
 * A drift or alert signal: the body of `POST /api/pipelines/{id}/signals` and the `signal` of a run-requests
 * message. The pipeline's `retrainOn.signals` rule decides whether it starts a run.
 */
export const signalSchema = z.object({
  source: z.string().regex(signalSourcePattern, 'must be 1-200 characters: letters, digits, spaces and . _ - : / @ +, starting with a letter or digit'),
  kind: z
    .string()
    .regex(signalKindPattern, 'must be a lowercase word (letters, digits, dashes), such as drift, performance, data-quality or alert')
    .openapi({ description: `What the signal reports: ${wellKnownSignalKinds.join(', ')}, or a custom lowercase word.`, examples: ['drift'] }),
  severity: signalSeveritySchema,
  signalId: z
    .string()
    .regex(signalIdPattern, 'must be 1-255 printable ASCII characters without spaces')
    .optional()
    .openapi({ description: 'The sender\'s idempotency key: a signal with an id already received is recorded as deduplicated and starts nothing.' }),
  metrics: boundedRecord(z.number(), { maxKeyLength: 250, maxEntries: 50, what: 'metrics' }).optional(),
  description: z.string().max(1000).optional(),
  observedAt: z.iso.datetime({ offset: true }).optional(),
});
export type Signal = z.infer<typeof signalSchema>;

/** Whether `severity` is at least as severe as `min` (severities are listed most severe first). */
export function meetsSeverity(severity: SignalSeverity, min: SignalSeverity): boolean {
  return signalSeverities.indexOf(severity) <= signalSeverities.indexOf(min);
}
