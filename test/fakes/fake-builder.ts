import { createHash } from 'node:crypto';
import type { BuildState, ImageBuilder } from '../../shared/ports/external-systems.js';
import { AppError } from '../../shared/domain/errors.js';
import { FaultPlan } from './faults.js';
import { tagKey } from './fake-registry.js';
import type { FakeBuild, World } from './world.js';

/** An image build service in memory: a build takes `durationMs` on the fake clock, then pushes its tag. */
export class FakeImageBuilder implements ImageBuilder {
  readonly faults = new FaultPlan('builder');
  durationMs = 5 * 60_000;
  finalState: 'succeeded' | 'failed' = 'succeeded';
  /** Build inside `startBuild` and say so (as the local image mode does). */
  synchronous = false;

  constructor(
    private readonly world: World,
    private readonly now: () => number,
  ) {}

  async startBuild(req: Parameters<ImageBuilder['startBuild']>[0]): Promise<{ buildId: string; finished?: boolean }> {
    await this.faults.enter('startBuild');
    const finished = this.synchronous ? { finished: true } : {};
    const existing = Object.values(this.world.state.builds).find((b) => b.runId === req.runId);
    if (existing) return { buildId: existing.buildId, ...finished };
    const buildId = this.world.nextId('build-');
    const now = this.now();
    this.world.state.builds[buildId] = { buildId, runId: req.runId, registry: req.registry, repository: req.repository, tag: req.tag, createdAt: now, finishAt: this.synchronous ? now : now + this.durationMs, finalState: this.finalState, notified: false };
    this.world.state.counters.buildsStarted++;
    this.world.changed();
    return { buildId, ...finished };
  }

  async getBuild(buildId: string): Promise<{ state: BuildState; digest?: string; error?: string }> {
    await this.faults.enter('getBuild');
    const b = this.world.state.builds[buildId];
    if (!b) throw new AppError('NOT_FOUND', `build ${buildId} not found`);
    if (this.now() < b.finishAt) return { state: 'running' };
    if (b.finalState === 'failed') return { state: 'failed', error: 'docker build failed: step 3/7 returned exit code 1' };
    const digest = `sha256:${createHash('sha256').update(b.tag).digest('hex')}`;
    const key = tagKey(b.registry, b.repository, b.tag);
    if (!this.world.state.tags[key]) {
      this.world.state.tags[key] = digest;
      this.world.changed();
    }
    return { state: 'succeeded', digest };
  }

  /** Builds that finished by `now` and were not yet announced (the test raises `image-built` for them). */
  takeFinished(now: number): FakeBuild[] {
    const done = Object.values(this.world.state.builds).filter((b) => !b.notified && b.finishAt <= now);
    for (const b of done) b.notified = true;
    if (done.length > 0) this.world.changed();
    return done;
  }
}
