import { appendToOutbox, runSubject, type OutboxEntry, type RunEventData, type RunEventType } from '../domain/run-event.js';
import type { Run } from '../domain/run.js';
import { runEventId } from '../durable/instance-ids.js';
import type { EventPublisher } from '../ports/external-systems.js';
import { updateRun, type RunRecordDeps } from './run-record.js';

/*
 * The run's outbox (docs/events.md). An event is first written into the run record under its ETag, with an id that
 * derives from the run and what happened (`<runId>:<key>`) and the next sequence number; then every entry not yet
 * sent is published in sequence order and marked sent. A retried activity writes nothing new (the id is there) and
 * sends only what is not marked sent, with the same id and sequence. A crash between send and mark repeats that
 * event, same id: consumers dedupe on `id`.
 */

/** What emitting needs: the run record and the publisher. */
export interface RunEventDeps extends RunRecordDeps {
  events: EventPublisher;
}

/** One event to emit: `key` names what happened within the run (`started`, `stepFailed:train`, `succeeded`, ...). */
export interface RunEventSpec {
  key: string;
  type: RunEventType;
  data: Omit<RunEventData, 'pipelineId' | 'runId'>;
}

/**
 * Put `events` in the run's outbox (those not there yet), then send whatever is unsent, in order. With `bestEffort`
 * (every step but the run's last word) a failed send is left in the outbox for the next emit, which sends it first:
 * events are never reordered, and the queue being down does not fail a training step.
 */
export async function emitRunEvents(deps: RunEventDeps, run: Pick<Run, 'id' | 'pipelineId'>, events: RunEventSpec[], opts: { bestEffort?: boolean } = {}): Promise<void> {
  const time = deps.now().toISOString();
  const entries = events.map((e) => ({
    id: runEventId(run.id, e.key),
    type: e.type,
    subject: runSubject(run.pipelineId, run.id),
    time,
    data: { pipelineId: run.pipelineId, runId: run.id, ...e.data },
  }));
  const updated = entries.length > 0 ? await updateRun(deps, run, (r) => ({ ...r, outbox: appendToOutbox(r.outbox ?? [], entries, 0).outbox })) : await deps.runs.get(run.pipelineId, run.id);
  if (!updated) return;
  if (!opts.bestEffort) return flushRunEvents(deps, updated);
  await flushRunEvents(deps, updated).catch(() => undefined);
}

/** Send the run's unsent events in sequence order, then mark them sent (one write). */
export async function flushRunEvents(deps: RunEventDeps, run: Pick<Run, 'id' | 'pipelineId' | 'outbox'>): Promise<void> {
  const unsent = (run.outbox ?? []).filter((e) => !e.sent).sort((a, b) => a.sequence - b.sequence);
  if (unsent.length === 0) return;
  const sent: string[] = [];
  try {
    for (const e of unsent) {
      await publishEntry(deps.events, e);
      sent.push(e.id);
    }
  } finally {
    // Mark what went out even when a later send failed, so the retry resends only the rest.
    if (sent.length > 0) await updateRun(deps, run, (r) => ({ ...r, outbox: (r.outbox ?? []).map((e) => (sent.includes(e.id) ? { ...e, sent: true } : e)) }));
  }
}

/** Publish one outbox entry as it was recorded. */
export async function publishEntry(events: EventPublisher, e: OutboxEntry): Promise<void> {
  await events.publish({ id: e.id, type: e.type, subject: e.subject, data: e.data, sequence: e.sequence, time: e.time });
}
