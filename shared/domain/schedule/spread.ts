import { createHash } from 'node:crypto';
import { approximateMs } from '../duration.js';

/**
 * A pipeline's fixed offset within a polling period, from a hash of its id: pipelines polling on the same period fall
 * evenly across it instead of all in one tick.
 */
export function spreadOffsetMs(pipelineId: string, periodMs: number): number {
  const h = createHash('sha256').update(pipelineId).digest();
  // 48 bits of the hash: uniform enough, and exact in a double.
  return h.readUIntBE(0, 6) % periodMs;
}

/** The pipeline's first check strictly after `after` for a period `every` (fixed length): `offset + n·period`. */
export function nextCheckAfter(pipelineId: string, every: string, after: Date): Date {
  const period = approximateMs(every);
  const offset = spreadOffsetMs(pipelineId, period);
  const n = Math.floor((after.getTime() - offset) / period) + 1;
  return new Date(offset + n * period);
}
