import { addDuration, approximateMs } from '../duration.js';

/**
 * How many whole periods of `age` have passed since `since` at `now`: the largest k with `since + k·age <= now`
 * (calendar arithmetic, so `P1M` boundaries fall on the same day of each month). 0 before the first boundary.
 */
export function stalenessBoundary(since: Date, age: string, now: Date): number {
  if (now.getTime() < since.getTime()) return 0;
  // Start from the estimate by length (exact for fixed durations), then correct for months' and years' lengths.
  let k = Math.floor((now.getTime() - since.getTime()) / approximateMs(age));
  while (k > 0 && addDuration(since, age, k).getTime() > now.getTime()) k--;
  while (addDuration(since, age, k + 1).getTime() <= now.getTime()) k++;
  return k;
}

/** The moment boundary `k` is reached. */
export function boundaryAt(since: Date, age: string, k: number): Date {
  return addDuration(since, age, k);
}
