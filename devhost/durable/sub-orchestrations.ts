import type { ExecutionRef } from './action-executor.js';
import type { ExecutionState } from './execution-state.js';
import { ev, isTerminal } from './history-events.js';
import type { ParentInstance } from './history-events.js';
import { instanceIdProblem } from './instance-id.js';
import type { InstanceScheduler } from './instance-scheduler.js';
import { statusPayload } from './status.js';

/*
 * The links between a parent orchestration and its sub-orchestrations: a child names its parent (and the parent's
 * task id) in its ExecutionStarted, so a parent's start request can find a child that already exists after a restart,
 * and a finished child tells its parent how it ended. Both sides may repeat after a crash; the parent drops the
 * duplicate completion.
 */

/** Tell the parent orchestration (if any) how this sub-orchestration ended. */
export function notifyParent(s: InstanceScheduler, st: ExecutionState): void {
  const parent = st.parent;
  if (!parent) return;
  const ts = s.nowIso();
  const target: ExecutionRef = { instanceId: parent.OrchestrationInstance.InstanceId, executionId: parent.OrchestrationInstance.ExecutionId, name: parent.Name };
  const event =
    st.status === 'Completed'
      ? ev.subOrchestrationCompleted(ts, parent.TaskScheduleId, st.result ?? 'null')
      : ev.subOrchestrationFailed(
          ts,
          parent.TaskScheduleId,
          st.status === 'Terminated' ? `Sub-orchestration '${st.instanceId}' was terminated: ${st.result ?? ''}` : (st.result ?? `Sub-orchestration '${st.instanceId}' failed`),
          JSON.stringify({ instanceId: st.instanceId, name: st.name, runtimeStatus: st.status }),
        );
  s.track(s.deliver(target, event));
}

/** Start (or find, after a restart) the sub-orchestration for a parent's task. */
export async function startChild(
  s: InstanceScheduler,
  parent: ExecutionRef,
  taskId: number,
  child: { instanceId: string; name: string; input: string | null },
): Promise<void> {
  if (s.isStopped) return;
  const link: ParentInstance = { Name: parent.name, OrchestrationInstance: { InstanceId: parent.instanceId, ExecutionId: parent.executionId }, TaskScheduleId: taskId };
  const failParent = (reason: string) =>
    s.deliver(parent, ev.subOrchestrationFailed(s.nowIso(), taskId, reason, JSON.stringify({ instanceId: child.instanceId, name: child.name })));
  if (!s.findOrchestrator(child.name)) {
    await failParent(`The function '${child.name}' doesn't exist, is disabled, or is not an orchestrator function.`);
    return;
  }
  if (instanceIdProblem(child.instanceId)) {
    await failParent(instanceIdProblem(child.instanceId) ?? 'invalid instance id');
    return;
  }
  const rt = s.runtime(child.instanceId);
  let finished: ExecutionState | undefined;
  const conflict = await s.withLock(rt, async () => {
    const st = rt.state;
    const same = st?.parent && sameLink(st.parent, link);
    if (st && same) {
      if (isTerminal(st.status)) finished = st; // finished before a restart: tell the parent again (deduplicated there)
      return undefined;
    }
    if (st && !isTerminal(st.status)) return `An Orchestration instance with the status ${statusPayload(st).runtimeStatus} already exists.`;
    await s.beginExecution(rt, child.name, child.input, link);
    return undefined;
  });
  if (conflict) await failParent(conflict);
  if (finished) notifyParent(s, finished);
}

function sameLink(a: ParentInstance, b: ParentInstance): boolean {
  return (
    a.OrchestrationInstance.InstanceId === b.OrchestrationInstance.InstanceId &&
    a.OrchestrationInstance.ExecutionId === b.OrchestrationInstance.ExecutionId &&
    a.TaskScheduleId === b.TaskScheduleId
  );
}
