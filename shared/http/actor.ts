import { AppError } from '../domain/errors.js';
import type { Caller } from './caller.js';

/** What a key caller's recorded name is marked with, so a machine's claim is never taken for a signed-in person. */
export const keyActorSuffix = ' (api-key)';
const maxActorLength = 256;

/**
 * Who a write is recorded as (a run's `trigger.actor`, an approval's `by`, a rollback's `by`, a trigger-log `actor`).
 * A signed-in person is their principal's name, whatever the body says: nobody acts in another's name. A key caller
 * is a machine that may name itself with the body's `by`, recorded as `<by> (api-key)`; without one, `api-key`.
 */
export function actorOf(caller: Caller | undefined, by?: string): string {
  // Only an authenticated route has a caller, and only such routes write: reaching here without one is a bug.
  if (caller === undefined) throw new AppError('INTERNAL', 'A write reached its handler without an authenticated caller.');
  if (caller.kind === 'principal') return caller.name;
  const named = by?.trim();
  if (named === undefined || named === '') return caller.name;
  return `${named.slice(0, maxActorLength - keyActorSuffix.length)}${keyActorSuffix}`;
}
