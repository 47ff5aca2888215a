import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../shared/domain/errors.js';
import { compensateRun } from '../../shared/use-cases/compensate-run.js';
import { startRun } from '../../shared/use-cases/start-run.js';
import { withStep } from '../../shared/use-cases/run-record.js';
import { fakeServices } from '../fakes/fake-services.js';
import { recordingOrchestrations } from '../fakes/recording-orchestrations.js';
import { seedPipeline, sha } from '../fakes/seed.js';

/* Compensating a cancelled run stops its Airflow dag run only when it reached training. */

async function setup() {
  const { services, fakes } = fakeServices({ now: () => Date.UTC(2026, 0, 1) });
  await seedPipeline(fakes, 'churn', sha('c'));
  const stopped: string[] = [];
  const deps = {
    ...services,
    // As with Airflow unconfigured: any call fails the way the unconfigured port does.
    scheduler: { markFailed: async (_dag: string, dagRunId: string) => (stopped.push(dagRunId), Promise.reject(new AppError('CONFIG', 'Airflow is not configured'))) },
  };
  await startRun({ ...services, orchestrations: recordingOrchestrations() }, { pipelineId: 'churn', runId: 'r1', trigger: { kind: 'http' }, dedupKey: 'r1', evaluationId: 'e1' });
  return { services, deps, stopped };
}

describe('compensating a cancelled run', () => {
  it('a run that never reached training is cancelled without calling Airflow', async () => {
    const { services, deps, stopped } = await setup();
    assert.deepEqual(await compensateRun(deps, 'r1', { reason: 'pull request abandoned' }), { cancelled: true });
    assert.deepEqual(stopped, []);
    assert.equal((await services.runs.find('r1'))?.status, 'cancelled');
  });

  it('a run in training has its dag run stopped', async () => {
    const { services, deps, stopped } = await setup();
    await services.runs.update('churn', 'r1', (r) => withStep({ ...r, status: 'running', lineage: { ...r.lineage, airflow: { dagId: 'mlcycle_train', dagRunId: 'mlcycle__r1' } } }, 'train', (s) => ({ ...s, status: 'running' })));
    await assert.rejects(compensateRun(deps, 'r1'), (e) => e instanceof AppError && e.code === 'CONFIG');
    assert.deepEqual(stopped, ['mlcycle__r1']);
  });
});
