import { addDuration } from '../domain/duration.js';
import { AppError, errors, isAppError } from '../domain/errors.js';
import type { SignalGateHolder } from '../domain/signals/signal-gate.js';
import { meetsSeverity, type Signal } from '../domain/signals/signal.js';
import type { TriggerDecision, TriggerRecord } from '../domain/trigger-record.js';
import { newRunId } from './run-ids.js';
import { slotGraceMs } from './run-slot.js';
import { startRun, type StartRunDeps } from './start-run.js';

export type ReceiveSignalDeps = StartRunDeps;

/** One received signal: from the API or the queue (`signal`), or an Azure Monitor alert (`alert`). */
export interface ReceiveSignalRequest {
  pipelineId: string;
  signal: Signal;
  trigger: 'signal' | 'alert';
  /** This evaluation's id (the invocation id): its one trigger-log record is keyed by it. */
  evaluationId: string;
  /** An alert's resolution: recorded, never a reason to retrain. */
  resolved?: boolean;
  /** Who posted it, when a caller did (the API); otherwise the signal's own `source` stands for who. */
  actor?: string;
}

/** What became of a signal: the decision, the run it started or deduplicated against or cooled down behind, and its record. */
export interface SignalOutcome {
  decision: TriggerDecision;
  runId?: string;
  record: TriggerRecord;
}

const maxGateAttempts = 12;

/**
 * Decide on a drift or alert signal under the pipeline's `retrainOn.signals` rule: no rule, a severity below its
 * minimum or a resolved alert start nothing; otherwise the pipeline's cool-down gate, claimed with a conditional
 * write, lets exactly one signal per cool-down start a run, however many race from however many instances. The
 * winner's run id derives from the pipeline and its claim, so a redelivery of the winning signal finds the same run.
 * A signal whose sender's id was seen before is `deduplicated`. Every signal gets exactly one trigger-log record.
 */
export async function receiveSignal(deps: ReceiveSignalDeps, req: ReceiveSignalRequest): Promise<SignalOutcome> {
  const pipeline = await deps.pipelines.get(req.pipelineId);
  if (!pipeline) throw errors.notFound('Pipeline', req.pipelineId);
  const { signalId } = req.signal;
  if (signalId !== undefined) {
    const mark = await deps.triggers.getSignalMark(req.pipelineId, signalId);
    if (mark) return decide(deps, req, 'deduplicated', `signal '${signalId}' was received before (${mark.decision})`, mark.runId, false);
  }
  const rule = pipeline.retrainOn.signals;
  if (!rule) return decide(deps, req, 'skipped', 'the pipeline has no retrainOn.signals rule');
  if (req.resolved) return decide(deps, req, 'ignored', 'the alert was resolved: a resolution starts no run');
  if (!meetsSeverity(req.signal.severity, rule.minSeverity)) {
    return decide(deps, req, 'skipped', `severity ${req.signal.severity} is below the rule's minimum, ${rule.minSeverity}`);
  }
  const key = signalId !== undefined ? `id:${signalId}` : `evaluation:${req.evaluationId}`;
  for (let attempt = 0; attempt < maxGateAttempts; attempt++) {
    const gate = await deps.triggers.getSignalGate(req.pipelineId);
    const holder = gate?.holder;
    // The signal holding the gate, delivered again: its run, started if its first delivery died before starting it.
    if (holder?.signalKey === key) return start(deps, req, holder.runId, undefined);
    if (holder && (await holds(deps, req.pipelineId, holder))) {
      return decide(deps, req, 'cooldown', `within the cool-down of run ${holder.runId} (until ${holder.until})`, holder.runId);
    }
    const now = deps.now();
    const claimedAt = now.toISOString();
    const claim: SignalGateHolder = {
      signalKey: key,
      runId: newRunId(now, { scope: `signal:${req.pipelineId}`, key: `${key}\n${claimedAt}` }),
      claimedAt,
      until: addDuration(now, rule.coolDown).toISOString(),
    };
    const written = await deps.triggers.putSignalGate({ pipelineId: req.pipelineId, holder: claim }, gate?.etag ?? null);
    if (written) return start(deps, req, claim.runId, written.etag ?? null);
  }
  throw new AppError('TRANSIENT', `The signal cool-down of pipeline '${req.pipelineId}' is contended; try again.`);
}

/** Whether a holder still holds: its cool-down runs on, and its run exists (or its claim is too young to have one). */
async function holds(deps: ReceiveSignalDeps, pipelineId: string, holder: SignalGateHolder): Promise<boolean> {
  const now = deps.now().getTime();
  if (now >= Date.parse(holder.until)) return false;
  if (now - Date.parse(holder.claimedAt) < slotGraceMs) return true;
  // A claim whose winner died before creating its run must not silence the pipeline for the whole cool-down.
  return (await deps.runs.get(pipelineId, holder.runId)) !== null;
}

/**
 * Start the gate holder's run through `startRun` (concurrency rule, trigger log). A run the pipeline refuses (its
 * concurrency rule, or disabled) gives the gate back when this request claimed it (`claimEtag`), so it holds no cool-down.
 */
async function start(deps: ReceiveSignalDeps, req: ReceiveSignalRequest, runId: string, claimEtag: string | null | undefined): Promise<SignalOutcome> {
  const { signal } = req;
  let decision: TriggerDecision;
  try {
    const { run, created } = await startRun(deps, {
      pipelineId: req.pipelineId,
      runId,
      trigger: {
        kind: req.trigger,
        actor: req.actor ?? signal.source,
        ...(signal.signalId !== undefined ? { sourceEventId: signal.signalId } : {}),
        reason: `${signal.kind} signal from ${signal.source} (${signal.severity})${signal.description ? `: ${signal.description}` : ''}`.slice(0, 1000),
      },
      dedupKey: signal.signalId ?? req.evaluationId,
      evaluationId: req.evaluationId,
      note: describe(signal),
    });
    decision = !created ? 'deduplicated' : run.queuedBehind ? 'queued' : 'started';
  } catch (e) {
    if (!isAppError(e, 'CONFLICT')) throw e;
    if (claimEtag !== undefined) await deps.triggers.putSignalGate({ pipelineId: req.pipelineId }, claimEtag);
    decision = 'concurrency';
  }
  // startRun wrote this evaluation's record; reading it back through the idempotent write returns it as written.
  const { record } = await deps.triggers.record(entry(deps, req, decision, undefined, runId));
  return remember(deps, req, { decision, ...(record.runId ? { runId: record.runId } : {}), record });
}

/** Record a decision taken without starting a run (and remember it for the sender's id, unless it is a repeat). */
async function decide(deps: ReceiveSignalDeps, req: ReceiveSignalRequest, decision: TriggerDecision, reason: string, runId?: string, mark = true): Promise<SignalOutcome> {
  const { record } = await deps.triggers.record(entry(deps, req, decision, reason, runId));
  const outcome = { decision: record.decision, ...(record.runId ? { runId: record.runId } : {}), record };
  return mark ? remember(deps, req, outcome) : outcome;
}

async function remember(deps: ReceiveSignalDeps, req: ReceiveSignalRequest, outcome: SignalOutcome): Promise<SignalOutcome> {
  const { signalId } = req.signal;
  if (signalId === undefined) return outcome;
  await deps.triggers.markSignal({
    pipelineId: req.pipelineId,
    signalId,
    decision: outcome.decision,
    ...(outcome.runId ? { runId: outcome.runId } : {}),
    recordId: outcome.record.id,
    at: deps.now().toISOString(),
  });
  return outcome;
}

function entry(deps: ReceiveSignalDeps, req: ReceiveSignalRequest, decision: TriggerDecision, reason: string | undefined, runId: string | undefined): TriggerRecord {
  return {
    id: `${req.trigger}:${req.evaluationId}`,
    pipelineId: req.pipelineId,
    source: req.trigger,
    dedupKey: req.signal.signalId ?? req.evaluationId,
    decision,
    detail: [describe(req.signal), reason].filter((x) => x !== undefined).join('; ').slice(0, 2000),
    ...(runId ? { runId } : {}),
    actor: req.actor ?? req.signal.source,
    at: deps.now().toISOString(),
  };
}

/** What the trigger log says of a signal: source, kind, severity (and the sender's id and metrics). */
function describe(signal: Signal): string {
  const metrics = Object.entries(signal.metrics ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
  return `${signal.kind} signal from ${signal.source}, severity ${signal.severity}${signal.signalId !== undefined ? `, id ${signal.signalId}` : ''}${metrics ? `, metrics ${metrics}` : ''}`.slice(0, 1000);
}

/**
 * Record a signal refused before it could be read (malformed body or message) in the trigger log of the pipeline it
 * names, when that pipeline exists: the refusal then shows where its owners look. False when there is no such pipeline.
 */
export async function recordRejectedSignal(
  deps: Pick<ReceiveSignalDeps, 'pipelines' | 'triggers' | 'now'>,
  req: { pipelineId: string; trigger: 'signal' | 'alert'; evaluationId: string; error: AppError; actor?: string },
): Promise<boolean> {
  if (!(await deps.pipelines.get(req.pipelineId))) return false;
  const fields = req.error.issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  await deps.triggers.record({
    id: `${req.trigger}:${req.evaluationId}`,
    pipelineId: req.pipelineId,
    source: req.trigger,
    dedupKey: req.evaluationId,
    decision: 'rejected',
    detail: `${req.error.code}: ${req.error.message}${fields ? ` (${fields})` : ''}`.slice(0, 2000),
    ...(req.actor !== undefined ? { actor: req.actor } : {}),
    at: deps.now().toISOString(),
  });
  return true;
}
