import { AppError } from '../domain/errors.js';
import type { Pipeline } from '../domain/pipeline.js';
import { terminalRunStatuses, type Run } from '../domain/run.js';
import type { RunSlot, SlotHolder } from '../domain/run-slot.js';
import type { InstanceRuntimeStatus, OrchestrationClient } from '../ports/orchestration-client.js';
import type { RunStore } from '../ports/run-store.js';

/*
 * The per-pipeline run slot (see `shared/domain/run-slot.ts`). Claims and releases are conditional writes: a start
 * reads the slot, decides under the pipeline's concurrency rule, and writes only if nobody changed the slot since;
 * otherwise it reads again and decides again. No start acts on a read that another start may have overtaken.
 */

/** What reading and writing the slot needs. */
export interface RunSlotDeps {
  runs: RunStore;
  orchestrations: OrchestrationClient;
  now: () => Date;
}

/**
 * How long a claim is trusted without a live run behind it: the winner writes its run record and starts its
 * orchestration right after claiming, so an older holder with neither has died and must not block the pipeline.
 */
export const slotGraceMs = 2 * 60_000;
const maxClaimAttempts = 12;
const deadRuntimeStatuses: InstanceRuntimeStatus[] = ['Completed', 'Failed', 'Canceled', 'Terminated'];

/** The outcome of a claim. */
export type SlotClaim =
  /** This request won: it is now the active run, or (queue-one) the waiting one behind `behind`. */
  | { kind: 'won'; behind?: string; supersede: string[] }
  /** The run already holds the slot: a repeat of the request that won it. */
  | { kind: 'mine'; behind?: string }
  /** The rule refuses the run; `holders` are the runs in its way. */
  | { kind: 'refused'; holders: string[]; reason: string };

/** A run waiting behind another (concurrency `queue-one`) whose orchestration has not started yet. */
export function isWaiting(run: Run): boolean {
  return run.status === 'queued' && run.queuedBehind !== undefined;
}

/** Whether a holder still holds: its run is live, or its claim is too young to have a record and an orchestration. */
async function holds(deps: RunSlotDeps, pipelineId: string, holder: SlotHolder): Promise<boolean> {
  const run = await deps.runs.get(pipelineId, holder.runId);
  if (run && terminalRunStatuses.includes(run.status)) return false;
  if (deps.now().getTime() - Date.parse(holder.at) < slotGraceMs) return true;
  if (!run) return false;
  if (isWaiting(run)) return true;
  const status = await deps.orchestrations.status(run.id);
  return status !== null && !deadRuntimeStatuses.includes(status.runtimeStatus);
}

/**
 * Claim the pipeline's slot for `runId` under its concurrency rule. `won.supersede` lists the runs the caller must
 * stop: holders found dead, and under `cancel-running` the run it takes over. Of concurrent `cancel-running` starts
 * only one takes over: a start that finds the slot taken by another start since it first looked, or held by a start
 * that has not written its run record yet, is refused. A waiting
 * run whose run ahead died is moved up and handed to `onPromoted` (which starts it and stops the `dead`) before this request decides.
 */
export async function claimSlot(
  deps: RunSlotDeps,
  pipeline: Pipeline,
  runId: string,
  onPromoted: (runId: string, dead: string[]) => Promise<unknown>,
  lane?: string,
): Promise<SlotClaim> {
  const base = { pipelineId: pipeline.id, ...(lane ? { lane } : {}) };
  // The holder this request first found (null: none); a cancel-running start takes over only that one.
  let firstSeen: { runId: string | null } | undefined;
  for (let attempt = 0; attempt < maxClaimAttempts; attempt++) {
    const slot = await deps.runs.getSlot(pipeline.id, lane);
    if (slot?.active?.runId === runId) return { kind: 'mine' };
    if (slot?.waiting?.runId === runId) return { kind: 'mine', behind: slot.waiting.behind };
    const at = deps.now().toISOString();
    const active = slot?.active && (await holds(deps, pipeline.id, slot.active)) ? slot.active : undefined;
    const waiting = slot?.waiting && (await holds(deps, pipeline.id, slot.waiting)) ? slot.waiting : undefined;
    const dead = [slot?.active && !active ? slot.active.runId : undefined, slot?.waiting && !waiting ? slot.waiting.runId : undefined].filter((x) => x !== undefined);
    let next: RunSlot;
    let claim: SlotClaim;
    if (!active && waiting) {
      // The run ahead died: the waiting run moves up (the caller starts it), and this request decides again.
      if (await deps.runs.putSlot({ ...base, active: { runId: waiting.runId, at } }, slot?.etag ?? null)) await onPromoted(waiting.runId, dead);
      continue;
    }
    firstSeen ??= { runId: active?.runId ?? null };
    if (!active) {
      next = { ...base, active: { runId, at } };
      claim = { kind: 'won', supersede: dead };
    } else if (pipeline.concurrency === 'cancel-running') {
      if (active.runId !== firstSeen.runId) return { kind: 'refused', holders: [active.runId], reason: `run ${active.runId} took the pipeline over at the same time` };
      // A holder without a record is a start still under way: stopping it now would find no record to cancel, and it
      // would then write its record and start its orchestration beside this run. It is refused like a simultaneous one.
      if (!(await deps.runs.get(pipeline.id, active.runId))) return { kind: 'refused', holders: [active.runId], reason: `run ${active.runId} is taking the pipeline over at this moment` };
      next = { ...base, active: { runId, at } };
      claim = { kind: 'won', supersede: [...dead, active.runId, ...(waiting ? [waiting.runId] : [])] };
    } else if (pipeline.concurrency === 'queue-one' && !waiting) {
      next = { ...base, active, waiting: { runId, at, behind: active.runId } };
      claim = { kind: 'won', behind: active.runId, supersede: dead };
    } else {
      const holders = [active.runId, ...(waiting ? [waiting.runId] : [])];
      return { kind: 'refused', holders, reason: `active run(s): ${holders.join(', ')}` };
    }
    if (await deps.runs.putSlot(next, slot?.etag ?? null)) return claim;
  }
  throw new AppError('TRANSIENT', `Pipeline '${pipeline.id}' is contended; try again.`);
}

/**
 * Give up the slot `finished` holds (it reached a terminal state or never started): the waiting run, if any, becomes
 * active. Returns the run now active if it may be waiting behind `finished` (the caller asks for its start, which is
 * idempotent, so a repeated release asks again rather than leaving it queued).
 */
export async function releaseSlot(deps: Pick<RunSlotDeps, 'runs' | 'now'>, finished: Pick<Run, 'id' | 'pipelineId'>, lane?: string): Promise<string | undefined> {
  for (let attempt = 0; attempt < maxClaimAttempts; attempt++) {
    const slot = await deps.runs.getSlot(finished.pipelineId, lane);
    if (!slot) return undefined;
    let next: RunSlot;
    if (slot.active?.runId === finished.id) {
      next = { pipelineId: slot.pipelineId, ...(lane ? { lane } : {}), ...(slot.waiting ? { active: { runId: slot.waiting.runId, at: deps.now().toISOString() } } : {}) };
    } else if (slot.waiting?.runId === finished.id) {
      next = { pipelineId: slot.pipelineId, ...(lane ? { lane } : {}), ...(slot.active ? { active: slot.active } : {}) };
    } else {
      return slot.active?.runId;
    }
    if (await deps.runs.putSlot(next, slot.etag ?? null)) return next.active?.runId;
  }
  throw new AppError('TRANSIENT', `The run slot of pipeline '${finished.pipelineId}' is contended; try again.`);
}
