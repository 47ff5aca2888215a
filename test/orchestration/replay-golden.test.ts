import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import type { CapturedApp } from '../../devhost/core-stub.js';
import { trainingRunOrchestrator } from '../../functions/orchestrators/training-run.js';
import { MAX_PAYLOAD_BYTES } from '../../shared/durable/activity-spec.js';
import { registeredApp } from './support/harness.js';
import { differences, replay, type HistoryFixture } from './support/replay.js';

/*
 * Golden-history replay (our `runReplayHistory`): each recorded execution is fed to the registered orchestrator
 * through the real durable-functions SDK, and the actions it emits must equal the recorded ones. A change that alters
 * them breaks in-flight instances: bump the orchestrator name or task hub, then re-record (npm run record:histories).
 */

const dir = new URL('../fixtures/histories/', import.meta.url);
const fixtures: HistoryFixture[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as HistoryFixture);

let app: CapturedApp;
before(async () => {
  app = await registeredApp();
  // Two deliberately changed versions of trainingRun, to prove the replay check catches changes.
  df.app.orchestration('trainingRunRetryChanged', function* (context: OrchestrationContext) {
    const original = context.df.callActivityWithRetry.bind(context.df);
    context.df.callActivityWithRetry = (name, retry, input) => {
      const changed = new df.RetryOptions(retry.firstRetryIntervalInMilliseconds, retry.maxNumberOfAttempts + 1);
      return original(name, changed, input);
    };
    return yield* trainingRunOrchestrator(context);
  });
  df.app.orchestration('trainingRunStepAdded', function* (context: OrchestrationContext) {
    yield context.df.callActivity('audit', { instanceId: context.df.instanceId });
    return yield* trainingRunOrchestrator(context);
  });
});

describe('golden histories replay to the recorded actions', () => {
  it('covers every orchestrator and the main scenarios', () => {
    assert.deepEqual([...new Set(fixtures.map((f) => f.orchestrator))].sort(), ['awaitImageBuild', 'awaitTraining', 'trainingRun']);
    assert.deepEqual([...new Set(fixtures.map((f) => f.scenario))].sort(), ['failed-step', 'long-training-polled', 'skipped', 'succeeded', 'with-approval']);
  });

  for (const f of fixtures) {
    it(`${f.scenario}: ${f.orchestrator} ${f.instanceId} (${f.history.length} events)`, async () => {
      const actual = await replay(app, f.orchestrator, f);
      assert.deepEqual(differences(f.expected, actual), []);
      assert.equal(actual.isDone, true, 'each recorded execution ran to its end');
    });

    it(`${f.scenario}: ${f.orchestrator} ${f.instanceId} replays identically twice`, async () => {
      assert.deepEqual(await replay(app, f.orchestrator, f), await replay(app, f.orchestrator, f));
    });
  }

  it('the recorded actions agree with the history the engine wrote (names and inputs of scheduled work)', () => {
    for (const f of fixtures) {
      const scheduled = f.history.filter((e) => e.EventType === 4).map((e) => e.Name);
      const activities = f.expected.actions.flatMap((a) => {
        const act = a as { actionType: number; functionName?: string; compoundActions?: unknown[] };
        return act.actionType === 0 || act.actionType === 1 ? [act.functionName] : [];
      });
      for (const name of scheduled) assert.ok(activities.includes(name as string), `${f.instanceId}: ${String(name)} scheduled but not in actions`);
    }
  });
});

describe('payload budget', () => {
  it('every activity input and result in the recorded histories stays far below the 45 KB large-message threshold', () => {
    for (const f of fixtures) {
      for (const e of f.history) {
        const payload = typeof e.Input === 'string' ? e.Input : typeof e.Result === 'string' ? e.Result : '';
        assert.ok(payload.length <= MAX_PAYLOAD_BYTES, `${f.instanceId}: event ${String(e.EventType)} carries ${payload.length} bytes`);
      }
    }
  });
});

describe('a changed orchestrator fails the replay check', () => {
  const main = () => {
    const f = fixtures.find((x) => x.scenario === 'succeeded' && x.orchestrator === 'trainingRun');
    assert.ok(f);
    return f;
  };

  it('a changed retry policy', async () => {
    const diff = differences(main().expected, await replay(app, 'trainingRunRetryChanged', main()));
    assert.ok(diff.length > 0);
    assert.match(diff[0] ?? '', /action 0: recorded .*"maxNumberOfAttempts":5.* but the orchestrator now emits .*"maxNumberOfAttempts":6/);
  });

  it('an added step', async () => {
    const diff = differences(main().expected, await replay(app, 'trainingRunStepAdded', main()));
    assert.match(diff[0] ?? '', /action 0: recorded .*"functionName":"startRun".* now emits .*"functionName":"audit"/);
  });
});
