import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { historyEventSchema } from './history-events.js';
import type { HistoryEvent } from './history-events.js';
import type { StatusPayload } from './status.js';

/*
 * Capture a finished instance's history as a golden fixture for orchestrator replay tests: the exact wire events
 * the dev host fed the SDK (PascalCase, EventType numbers), plus the instance's name, input and output. Feed
 * `history` back to the orchestrator with the payload `out-of-proc-protocol.ts` builds to replay it.
 */

/** A recorded instance. */
export interface RecordedHistory {
  instanceId: string;
  name: string;
  runtimeStatus: string;
  input: unknown;
  output: unknown;
  customStatus: unknown;
  history: HistoryEvent[];
}

/** What the recorder needs from the engine. */
export interface HistorySource {
  getStatus(instanceId: string, opts?: { showHistory?: boolean; showHistoryOutput?: boolean }): StatusPayload | undefined;
  readHistory(instanceId: string): HistoryEvent[] | undefined;
}

/** Record an instance held by an in-process engine. */
export function recordHistory(engine: HistorySource, instanceId: string): RecordedHistory {
  const status = engine.getStatus(instanceId);
  const history = engine.readHistory(instanceId);
  if (!status || !history) throw new Error(`No durable instance '${instanceId}'`);
  return {
    instanceId,
    name: status.name,
    runtimeStatus: status.runtimeStatus,
    input: status.input,
    output: status.output,
    customStatus: status.customStatus,
    history,
  };
}

const statusWithHistorySchema = z.looseObject({
  name: z.string(),
  instanceId: z.string(),
  runtimeStatus: z.string(),
  input: z.unknown(),
  output: z.unknown(),
  customStatus: z.unknown(),
  historyEvents: z.array(historyEventSchema),
});

/** Record an instance over the Durable HTTP API (`statusQueryGetUri` from createCheckStatusResponse, or any status URL). */
export async function fetchHistory(statusUrl: string): Promise<RecordedHistory> {
  const url = new URL(statusUrl);
  url.searchParams.set('showHistory', 'true');
  url.searchParams.set('showHistoryOutput', 'true');
  const res = await fetch(url);
  if (res.status !== 200 && res.status !== 202) throw new Error(`Status request failed with HTTP ${res.status}`);
  const s = statusWithHistorySchema.parse(await res.json());
  return {
    instanceId: s.instanceId,
    name: s.name,
    runtimeStatus: s.runtimeStatus,
    input: s.input,
    output: s.output,
    customStatus: s.customStatus,
    history: s.historyEvents,
  };
}

/** Write a recorded instance as pretty JSON (a golden fixture file). */
export async function writeGolden(file: string, recorded: RecordedHistory): Promise<void> {
  await writeFile(file, JSON.stringify(recorded, null, 2) + '\n');
}
