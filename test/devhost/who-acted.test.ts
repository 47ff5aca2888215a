import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LifecycleRecord } from '../../shared/domain/pipeline-state.js';
import type { TriggerRecord } from '../../shared/domain/trigger-record.js';
import { dashboardKeys, startDashboardWorld, type DashboardWorld } from '../support/dashboard-world.js';
import { signIn } from '../support/sign-in.js';

/*
 * "Who" is the caller. A signed-in person is recorded by their principal's name in the run record (trigger.actor,
 * the approval's `by`, a cancel's reason), the trigger log and the rollback record, whatever `by` the body claims; a
 * key caller (a machine) may name itself with `by`, recorded as `<by> (api-key)`, else `api-key`.
 */

let world: DashboardWorld;
let ada = '';

before(async () => {
  world = await startDashboardWorld({ trainingMs: 300 });
  ada = await signIn(world.baseUrl, { name: 'Ada Operator', role: 'operator', key: dashboardKeys.functionKey });
});
after(async () => world?.stop());

/** Call the API as Ada, signed in (no browser, so no Origin to check). */
function asAda(path: string, body: unknown): Promise<Response> {
  return fetch(`${world.baseUrl}${path}`, { method: 'POST', headers: { cookie: ada, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function runIdOf(res: Response): Promise<string> {
  assert.ok(res.status === 202 || res.status === 200, `${res.status} ${await res.clone().text()}`);
  return ((await res.json()) as { runId: string }).runId;
}

async function triggerLog(pipelineId: string): Promise<TriggerRecord[]> {
  const res = await world.api(`/api/pipelines/${pipelineId}/triggers?limit=100`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { items: TriggerRecord[] }).items;
}

describe('who acted', () => {
  it("records a signed-in person's name on starts, approvals, the trigger log and a rollback, ignoring the body's by", async () => {
    await world.pipeline('who', { policy: { primaryMetric: { name: 'auc', direction: 'maximize' }, minAbsoluteImprovement: 0.005, minRelativeImprovement: 0, guardrails: [], requireApproval: true, approvalTimeoutHours: 72 } });
    world.fakes.metrics.set('who', { auc: 0.8 });
    const first = await runIdOf(await asAda('/api/pipelines/who/runs', { reason: 'first', by: 'Mallory' }));
    assert.equal((await world.run(first)).trigger.actor, 'Ada Operator');
    assert.equal((await triggerLog('who')).find((r) => r.runId === first)?.actor, 'Ada Operator');
    await world.waitForStatus(first, ['waiting-approval']);
    assert.equal((await asAda(`/api/runs/${first}/approve`, { by: 'Mallory', comment: 'ok' })).status, 202);
    const approved = await world.waitForStatus(first, ['succeeded']);
    assert.equal(approved.decision?.approval?.by, 'Ada Operator');

    // A machine names itself: `<by> (api-key)`.
    world.fakes.metrics.set('who', { auc: 0.9 });
    const second = await world.startRun('who', { by: 'release-bot', force: true });
    assert.equal((await world.run(second)).trigger.actor, 'release-bot (api-key)');
    assert.equal((await triggerLog('who')).find((r) => r.runId === second)?.actor, 'release-bot (api-key)');
    await world.waitForStatus(second, ['waiting-approval']);
    assert.equal((await world.api(`/api/runs/${second}/approve`, { method: 'POST', body: '{}' })).status, 202);
    assert.equal((await world.waitForStatus(second, ['succeeded'])).decision?.approval?.by, 'api-key');

    const rollback = await asAda('/api/pipelines/who/rollback', { reason: 'worse in production', by: 'Mallory' });
    assert.equal(rollback.status, 200, await rollback.clone().text());
    assert.equal(((await rollback.json()) as LifecycleRecord).by, 'Ada Operator');
  });

  it("names the canceller in the cancelled run's reason, and the poster of a signal in the trigger log", async () => {
    await world.pipeline('who-cancel');
    world.fakes.scheduler.durationMs = 60_000;
    const id = await runIdOf(await asAda('/api/pipelines/who-cancel/runs', {}));
    await world.waitForStatus(id, ['running']);
    assert.equal((await asAda(`/api/runs/${id}/cancel`, { reason: 'wrong data', by: 'Mallory' })).status, 202);
    const cancelled = await world.waitForStatus(id, ['cancelled']);
    assert.equal(cancelled.reason, 'wrong data (cancelled by Ada Operator)');

    const signal = await asAda('/api/pipelines/who-cancel/signals', { kind: 'drift', source: 'monitor', severity: 'warning' });
    assert.equal(signal.status, 202, await signal.clone().text());
    const { record } = (await signal.json()) as { record: TriggerRecord };
    assert.equal(record.actor, 'Ada Operator');
  });
});
