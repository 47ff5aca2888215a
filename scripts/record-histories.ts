/*
 * Regenerate the golden orchestration histories in test/fixtures/histories/ — deliberately, after a change that is
 * meant to alter what the orchestrators do (and only with a new task hub or orchestrator name in production, since
 * in-flight instances would no longer replay). Run: npm run record:histories
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RunHarness, registeredApp } from '../test/orchestration/support/harness.js';
import { replay, type HistoryFixture } from '../test/orchestration/support/replay.js';
import { goldenScenarios } from '../test/orchestration/support/scenarios.js';

const outDir = fileURLToPath(new URL('../test/fixtures/histories/', import.meta.url));

/** Replace the random execution ids with stable ones so a re-recording only changes what matters. */
function stableIds(history: Record<string, unknown>[]): Record<string, unknown>[] {
  const ids = new Map<string, string>();
  const text = JSON.stringify(history).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
    if (!ids.has(id)) ids.set(id, `00000000-0000-4000-8000-${String(ids.size + 1).padStart(12, '0')}`);
    return ids.get(id) ?? id;
  });
  return JSON.parse(text) as Record<string, unknown>[];
}

const app = await registeredApp();
mkdirSync(outDir, { recursive: true });
for (const scenario of goldenScenarios) {
  const h = await RunHarness.create();
  try {
    await scenario.run(h);
    for (const instanceId of scenario.instances) {
      const raw = h.engine.readHistory(instanceId);
      if (!raw) throw new Error(`${scenario.name}: no history for ${instanceId}`);
      const history = stableIds(raw);
      const started = history.find((e) => e.EventType === 0) as { Name?: string; Input?: string; ParentInstance?: { OrchestrationInstance?: { InstanceId?: string } } } | undefined;
      if (!started?.Name) throw new Error(`${scenario.name}: ${instanceId} has no ExecutionStarted`);
      const base = {
        instanceId,
        parentInstanceId: started.ParentInstance?.OrchestrationInstance?.InstanceId ?? '',
        input: started.Input ? (JSON.parse(started.Input) as unknown) : null,
        history,
      };
      const expected = await replay(app, started.Name, base);
      const fixture: HistoryFixture = { scenario: scenario.name, orchestrator: started.Name, ...base, expected };
      const file = `${scenario.name}--${instanceId.replace(/[^A-Za-z0-9.-]+/g, '_')}.json`;
      writeFileSync(`${outDir}${file}`, JSON.stringify(fixture, null, 1) + '\n');
      console.log(`recorded ${file}: ${history.length} events, ${expected.actions.length} actions, done=${expected.isDone}`);
    }
  } finally {
    await h.close();
  }
}
