import { setTimeout as sleep } from 'node:timers/promises';
import { airflowToken, trainingDagId } from '../../../stack/index.js';
import { terminalRunStatuses, type Run } from '../../../shared/domain/run.js';
import type { CrashWorld } from './crash-world.js';

/*
 * A lost Airflow callback, on the real stack: the callback proxy answers the DAG's completion callback with 400 (the
 * DAG does not retry a refusal), so only the scheduler tick's reconciliation can move the run on. The figure is the
 * time from the dag run's end (Airflow's `end_date`) to the end of the run's `train` step (the app's `finishedAt`),
 * both stamped by servers on this machine.
 */

export interface LostCallbackResult {
  runId: string;
  run: Run;
  /** Seconds from the dag run's end to the app seeing it; null when the run never got there. */
  recoveryS: number | null;
  /** Callbacks the proxy refused (at least one, or the trial did not test what it says). */
  refused: number;
}

/** Start a forced run of `pipelineId` with its callback refused, wait for it to end, and measure the recovery. */
export async function lostCallbackTrial(world: CrashWorld, pipelineId: string, timeoutMs = 10 * 60_000): Promise<LostCallbackResult> {
  const proxy = world.faults.callbacks;
  const isCallback = (r: { method: string; path: string }) => r.method === 'POST' && r.path.startsWith('/api/hooks/airflow');
  const seenBefore = proxy.seen.length;
  proxy.fail({ status: 400, match: isCallback, body: JSON.stringify({ detail: 'callback refused by the fault trial' }) });
  try {
    const runId = await world.startRun(pipelineId, { reason: 'fault trial: lost callback', force: true });
    const end = Date.now() + timeoutMs;
    let run = await world.getRun(runId);
    while (!terminalRunStatuses.includes(run.status) && Date.now() < end) {
      await sleep(1_000);
      run = await world.getRun(runId).catch(() => run);
    }
    const refused = proxy.seen.slice(seenBefore).filter((r) => r.injected && isCallback(r)).length;
    const train = run.steps.find((s) => s.name === 'train');
    const dagRunId = run.lineage.airflow?.dagRunId;
    if (!train?.finishedAt || !dagRunId) return { runId, run, recoveryS: null, refused };
    const ended = await dagRunEnd(world, dagRunId);
    const recoveryS = ended === null ? null : Math.max(0, (Date.parse(train.finishedAt) - ended) / 1000);
    return { runId, run, recoveryS, refused };
  } finally {
    proxy.clearFaults();
  }
}

/** When Airflow says the dag run ended (epoch ms), or null. */
async function dagRunEnd(world: CrashWorld, dagRunId: string): Promise<number | null> {
  const af = world.stack.airflow!;
  const token = await airflowToken(af.url, af.username, af.password);
  const res = await fetch(`${af.url}/api/v2/dags/${trainingDagId}/dagRuns/${encodeURIComponent(dagRunId)}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) return null;
  const body = (await res.json()) as { end_date?: string | null };
  return body.end_date ? Date.parse(body.end_date) : null;
}
