import { createHash } from 'node:crypto';

/*
 * When each simulated pipeline trains, spread over the day the way real schedules cluster: people write nightly
 * jobs, at round minutes. Every draw derives from a hash of the pipeline id, so the same id always gets the same
 * slot and the simulation is repeatable.
 */

/** Three numbers in [0, 1) drawn from a hash of `key`. */
function draws(key: string): [number, number, number] {
  const h = createHash('sha256').update(key).digest();
  const at = (i: number): number => h.readUInt32BE(i * 4) / 2 ** 32;
  return [at(0), at(1), at(2)];
}

/**
 * A pipeline's daily cron slot (UTC). Hours: 50 % in the nightly window 00:00–05:59, 30 % in working hours
 * 06:00–17:59, 20 % in the evening 18:00–23:59, uniform within each window. Minutes: 60 % on the hour, 20 % on the
 * half hour, 20 % anywhere in the hour.
 */
export function dailySlot(pipelineId: string): { hour: number; minute: number } {
  const [a, b, c] = draws(`slot:${pipelineId}`);
  const hour = a < 0.5 ? Math.floor((a / 0.5) * 6) : a < 0.8 ? 6 + Math.floor(((a - 0.5) / 0.3) * 12) : 18 + Math.floor(((a - 0.8) / 0.2) * 6);
  const minute = b < 0.6 ? 0 : b < 0.8 ? 30 : Math.floor(c * 60);
  return { hour: Math.min(hour, 23), minute };
}

/** When a pipeline's pull request is validated (UTC): uniform over working hours 08:00–17:59. */
export function pullRequestAt(pipelineId: string): { hour: number; minute: number } {
  const [a, b] = draws(`pr:${pipelineId}`);
  return { hour: 8 + Math.floor(a * 10), minute: Math.floor(b * 60) };
}

/** How long a pipeline's training takes: log-uniform from 20 minutes to 3 hours (median about 1 hour). */
export function trainingMinutes(pipelineId: string): number {
  const [a] = draws(`train:${pipelineId}`);
  return Math.round(20 * 9 ** a);
}

/** The spread, in words, for the generated document. */
export const spreadDescription =
  'daily cron slots in UTC: 50 % of pipelines in the nightly window 00:00–05:59, 30 % in 06:00–17:59, 20 % in 18:00–23:59; ' +
  '60 % on the hour, 20 % on the half hour, 20 % at any minute; training lasts 20 min to 3 h (log-uniform); ' +
  'each pipeline with pull requests has one validated in working hours (08:00–17:59), with a code change, so its image is built';
