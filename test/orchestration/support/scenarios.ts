import { eventNames } from '../../../shared/durable/instance-ids.js';
import { HOUR_MS } from '../../../shared/durable/timers.js';
import { commitData, pipelineSpec, seedPipeline, sha } from '../../fakes/seed.js';
import type { RunHarness } from './harness.js';

/** A recorded scenario: how to run it, and which instances' histories become golden fixtures. */
export interface GoldenScenario {
  name: string;
  runId: string;
  run(h: RunHarness): Promise<void>;
  instances: string[];
}

/** The scenarios whose histories are kept in `test/fixtures/histories/` (regenerate with `npm run record:histories`). */
export const goldenScenarios: GoldenScenario[] = [
  {
    name: 'succeeded',
    runId: 'golden-ok',
    instances: ['golden-ok', 'golden-ok:image', 'golden-ok:train'],
    run: async (h) => {
      h.fakes.scheduler.durationMs = 3 * HOUR_MS;
      await seedPipeline(h.fakes, 'churn', sha('c1'));
      await h.start({ runId: 'golden-ok', pipelineId: 'churn', trigger: { kind: 'http', actor: 'alice' } });
      await h.finish('golden-ok');
    },
  },
  {
    name: 'failed-step',
    runId: 'golden-fail',
    instances: ['golden-fail', 'golden-fail:train'],
    run: async (h) => {
      h.fakes.scheduler.finalState = 'failed';
      await seedPipeline(h.fakes, 'churn', sha('c1'));
      h.fakes.registry.push('mlcycle.azurecr.io', 'churn-model', 'unused', 'sha256:0');
      await h.start({ runId: 'golden-fail', pipelineId: 'churn', trigger: { kind: 'schedule' } });
      await h.finish('golden-fail');
    },
  },
  {
    name: 'skipped',
    runId: 'golden-skip',
    instances: ['golden-skip'],
    run: async (h) => {
      await seedPipeline(h.fakes, 'churn', sha('c1'));
      await h.start({ runId: 'golden-first', pipelineId: 'churn', trigger: { kind: 'http' } });
      await h.finish('golden-first');
      await h.start({ runId: 'golden-skip', pipelineId: 'churn', trigger: { kind: 'schedule' } });
      await h.finish('golden-skip');
    },
  },
  {
    name: 'with-approval',
    runId: 'golden-approval',
    instances: ['golden-approval'],
    run: async (h) => {
      await seedPipeline(h.fakes, 'churn', sha('c1'), { policy: { ...pipelineSpec().policy, requireApproval: true, approvalTimeoutHours: 24 } });
      await h.start({ runId: 'golden-approval', pipelineId: 'churn', trigger: { kind: 'http' } });
      await h.runUntil(async () => (await h.fakes.runs.find('golden-approval'))?.status === 'waiting-approval');
      await h.runUntil(() => false, { until: h.clock.now() + 2 * HOUR_MS });
      await h.engine.raiseEvent('golden-approval', eventNames.approval, JSON.stringify({ approved: true, by: 'bob' }));
      await h.finish('golden-approval');
    },
  },
  {
    name: 'long-training-polled',
    runId: 'golden-long',
    instances: ['golden-long:train'],
    run: async (h) => {
      h.callbacks = false;
      h.fakes.scheduler.durationMs = 30 * HOUR_MS;
      await seedPipeline(h.fakes, 'churn', sha('c1'));
      commitData(h.fakes, pipelineSpec(), sha('c1'));
      await h.start({ runId: 'golden-long', pipelineId: 'churn', trigger: { kind: 'staleness' } });
      await h.finish('golden-long');
    },
  },
];
