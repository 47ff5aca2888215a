import type { Effect } from './episode-draft.js';
import { skippedAttemptFailure } from './episode-draft.js';
import { foldJournal, openOps } from './execution-state.js';
import { isTerminal } from './history-events.js';
import type { InstanceRuntime, InstanceScheduler } from './instance-scheduler.js';
import { notifyParent } from './sub-orchestrations.js';

/*
 * Start-up after a stop or a crash. Every change was written to an instance's journal before anything acted on it,
 * so the journals say all there is: arrivals not yet seen are delivered, activities whose completion was never
 * recorded run again, timers are re-armed, continued-as-new executions move on, and finished sub-orchestrations tell
 * their parents again (the parent drops what it already has).
 */

/** Load every instance from disk into the scheduler and resume the unfinished ones. */
export async function recoverInstances(s: InstanceScheduler): Promise<void> {
  await s.store.init();
  for (const dir of await s.store.listDirs()) {
    const lines = await s.store.loadDir(dir);
    const first = lines?.[0];
    if (!lines || !first || !('p' in first)) continue;
    const id = first.p.OrchestrationInstance?.InstanceId;
    if (!id) continue;
    try {
      const rt = s.runtime(id);
      rt.state = foldJournal(id, lines);
    } catch (err) {
      s.log.error('durable: cannot load instance', { instanceId: id, error: String(err) });
    }
  }
  for (const rt of s.instances.values()) {
    await s.withLock(rt, async () => {
      if (rt.state?.status === 'ContinuedAsNew') await s.continueAsNew(rt);
    });
  }
  for (const rt of s.instances.values()) resumeAfterLoad(s, rt);
}

/** After loading: re-dispatch open work and re-deliver what may have been lost in a crash. */
function resumeAfterLoad(s: InstanceScheduler, rt: InstanceRuntime): void {
  const st = rt.state;
  if (!st) return;
  if (isTerminal(st.status)) {
    notifyParent(s, st);
    return;
  }
  const ref = s.refOf(st);
  const effects: Effect[] = [];
  for (const op of openOps(st)) {
    if (op.skip) {
      const g = op.root === undefined ? undefined : st.groups.get(op.root);
      effects.push({ kind: 'deliver', event: skippedAttemptFailure(g?.kind ?? (op.kind === 'sub' ? 'sub' : 'activity'), s.nowIso(), op.id, op.skip) });
    } else if (op.kind === 'activity') effects.push({ kind: 'activity', id: op.id, name: op.name ?? '', input: op.input ?? null });
    else if (op.kind === 'timer' && !op.canceled && op.fireAt) effects.push({ kind: 'timer', id: op.id, fireAt: op.fireAt });
    else if (op.kind === 'sub' && op.child) effects.push({ kind: 'start-child', id: op.id, name: op.name ?? '', instanceId: op.child, input: op.input ?? null });
  }
  s.executor.execute(ref, effects);
  if (st.pending.length > 0) s.schedulePump(rt);
}
