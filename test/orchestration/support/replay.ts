import type { CapturedApp } from '../../../devhost/core-stub.js';
import { callOrchestrator } from '../../../devhost/durable/out-of-proc-protocol.js';

/** A golden history: one orchestration execution as the dev host recorded it, and what replaying it must yield. */
export interface HistoryFixture {
  scenario: string;
  orchestrator: string;
  instanceId: string;
  parentInstanceId: string;
  input: unknown;
  history: Record<string, unknown>[];
  expected: ReplayResult;
}

/** What the orchestrator says after replaying a whole history. */
export interface ReplayResult {
  isDone: boolean;
  actions: unknown[];
  output?: unknown;
  customStatus?: unknown;
  error?: string;
}

/**
 * Feed a recorded history to a registered orchestrator through the real durable-functions SDK (the handler the app
 * registered, invoked through the worker's invocation model, as the dev host does) and return its state, with the
 * action list flattened (schema V2+ nests it in one inner array).
 */
export async function replay(app: CapturedApp, orchestrator: string, f: Pick<HistoryFixture, 'history' | 'input' | 'instanceId' | 'parentInstanceId'>): Promise<ReplayResult> {
  const reg = app.registrations.get(orchestrator);
  if (!reg) throw new Error(`orchestrator ${orchestrator} is not registered`);
  const history = f.history.map((e) => ({ ...e, IsPlayed: true }));
  const answer = await callOrchestrator(app, reg, { history, input: f.input, instanceId: f.instanceId, parentInstanceId: f.parentInstanceId }, () => {});
  if (answer.kind === 'error') return { isDone: false, actions: [], error: answer.message.split('\n')[0] ?? answer.message };
  // The raw state, not the dev host's parsed view of it: the fixtures record the actions exactly as the SDK emits them.
  const state = answer.raw as Record<string, unknown>;
  const actions = (state.actions as unknown[][] | undefined)?.flat() ?? [];
  return JSON.parse(
    JSON.stringify({
      isDone: state.isDone === true,
      actions,
      ...(state.output !== undefined ? { output: state.output } : {}),
      ...(state.customStatus !== undefined ? { customStatus: state.customStatus } : {}),
      ...(typeof state.error === 'string' ? { error: state.error } : {}),
    }),
  ) as ReplayResult;
}

/** The differences between a replay and the recorded expectation (empty when they agree). */
export function differences(expected: ReplayResult, actual: ReplayResult): string[] {
  const out: string[] = [];
  const n = Math.max(expected.actions.length, actual.actions.length);
  for (let i = 0; i < n; i++) {
    const e = JSON.stringify(expected.actions[i]);
    const a = JSON.stringify(actual.actions[i]);
    if (e !== a) out.push(`action ${i}: recorded ${e ?? '(none)'} but the orchestrator now emits ${a ?? '(none)'}`);
  }
  for (const k of ['isDone', 'output', 'customStatus', 'error'] as const) {
    if (JSON.stringify(expected[k]) !== JSON.stringify(actual[k])) out.push(`${k}: recorded ${JSON.stringify(expected[k])} but now ${JSON.stringify(actual[k])}`);
  }
  return out;
}
