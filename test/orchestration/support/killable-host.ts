/*
 * A dev-host process for the kill -9 test: the durable engine with its state on disk and fakes whose state (side-effect
 * counters included) persists to a file, driven by a manual clock whose time also persists. Usage:
 *   tsx killable-host.ts <dir> [--crash-after trigger|registerVersion] [--pause-when-training]
 * `--crash-after m`: SIGKILL itself right after fake method `m` made (and persisted) its side effect, before the
 * activity can report it. `--pause-when-training`: print TRAINING once training has run for a while, then stop
 * driving and wait to be killed from outside. Prints DONE <output> when the run has finished.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HOUR_MS } from '../../../shared/durable/timers.js';
import { seedPipeline, sha } from '../../fakes/seed.js';
import { RunHarness, T0 } from './harness.js';

const [dir = '', ...flags] = process.argv.slice(2);
const crashAfter = flags.includes('--crash-after') ? flags[flags.indexOf('--crash-after') + 1] : undefined;
const pause = flags.includes('--pause-when-training');
const clockFile = path.join(dir, 'clock.json');
const RUN = 'k9-run';

const h = await RunHarness.create({
  stateDir: path.join(dir, 'durable'),
  persistPath: path.join(dir, 'world.json'),
  start: existsSync(clockFile) ? (JSON.parse(readFileSync(clockFile, 'utf8')) as number) : T0,
});
h.fakes.scheduler.durationMs = 10 * HOUR_MS;
const advanceTo = h.clock.advanceTo.bind(h.clock);
h.clock.advanceTo = async (target, settle) => {
  writeFileSync(clockFile, JSON.stringify(Math.max(target, h.clock.now())));
  return advanceTo(target, settle);
};

/** SIGKILL this process right after `method`'s side effect is persisted (once per crash point). */
function crashAfterCall<T extends object>(target: T, method: keyof T & string): void {
  if (crashAfter !== method) return;
  const original = (target[method] as (...a: unknown[]) => Promise<unknown>).bind(target);
  (target as Record<string, unknown>)[method] = async (...args: unknown[]) => {
    const result = await original(...args);
    const marker = path.join(dir, `crashed-${method}`);
    if (!existsSync(marker)) {
      writeFileSync(marker, '');
      process.kill(process.pid, 'SIGKILL');
      await new Promise(() => {});
    }
    return result;
  };
}
crashAfterCall(h.fakes.scheduler, 'trigger');
crashAfterCall(h.fakes.tracker, 'registerVersion');

if (!h.status(RUN)) {
  await seedPipeline(h.fakes, 'churn', sha('k9'));
  await h.start({ runId: RUN, pipelineId: 'churn', trigger: { kind: 'http' } });
}
if (pause) {
  await h.runUntil(() => h.fakes.world.state.counters.dagRunsCreated === 1);
  await h.runUntil(() => false, { until: h.clock.now() + 2 * HOUR_MS });
  process.stdout.write('TRAINING\n');
  await new Promise(() => {});
}
const { output } = await h.finish(RUN);
process.stdout.write(`DONE ${JSON.stringify(output)}\n`);
await h.engine.stop();
process.exit(0);
