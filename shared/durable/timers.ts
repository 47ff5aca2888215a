import type { OrchestrationContext } from 'durable-functions';

/*
 * Time arithmetic for orchestrators. It lives outside `functions/orchestrators/` because the determinism fence bans
 * the `Date` global there; everything here derives from `context.df.currentUtcDateTime`, so it is replay-safe.
 */

/** The orchestration's current time in epoch milliseconds (the timestamp of the episode being replayed). */
export const nowMs = (context: OrchestrationContext): number => context.df.currentUtcDateTime.getTime();

/** The orchestration's current time as an ISO string. */
export const nowIso = (context: OrchestrationContext): string => context.df.currentUtcDateTime.toISOString();

/** A Date `ms` after the orchestration's current time, for `createTimer`. */
export const after = (context: OrchestrationContext, ms: number): Date => new Date(nowMs(context) + ms);

/** A Date for an epoch-millisecond instant, for `createTimer`. */
export const at = (epochMs: number): Date => new Date(epochMs);

/** Epoch milliseconds of an ISO instant carried in orchestration input. */
export const parseIsoMs = (iso: string): number => Date.parse(iso);

/** An ISO string for epoch milliseconds. */
export const toIso = (epochMs: number): string => new Date(epochMs).toISOString();

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
