import type { EventPublisher, ReviewNotifier } from '../../shared/ports/external-systems.js';
import { FaultPlan } from './faults.js';
import type { World } from './world.js';

/** The run-events queue in memory; an event id published twice is kept once (consumers dedupe by id). */
export class FakeEventPublisher implements EventPublisher {
  readonly faults = new FaultPlan('events');
  constructor(private readonly world: World) {}

  async publish(event: { id: string; type: string; subject: string; data: Record<string, unknown> }): Promise<void> {
    await this.faults.enter('publish');
    this.world.state.counters.eventsPublished++;
    if (!this.world.state.events.some((e) => e.id === event.id)) this.world.state.events.push(event);
    this.world.changed();
  }

  /** Distinct events published. */
  get published() {
    return this.world.state.events;
  }
}

/** Commit statuses and PR comments in memory. */
export class FakeReviewNotifier implements ReviewNotifier {
  readonly faults = new FaultPlan('review');
  constructor(private readonly world: World) {}

  async setCommitStatus(req: { commitSha: string; state: 'pending' | 'succeeded' | 'failed'; description: string }): Promise<void> {
    await this.faults.enter('setCommitStatus');
    this.world.state.statuses.push({ commitSha: req.commitSha, state: req.state, description: req.description });
    this.world.state.counters.commitStatuses++;
    this.world.changed();
  }

  async upsertPullRequestComment(req: { pullRequestId: number; marker: string; content: string }): Promise<void> {
    await this.faults.enter('upsertPullRequestComment');
    this.world.state.comments[`${req.pullRequestId}#${req.marker}`] = req.content;
    this.world.state.counters.prComments++;
    this.world.changed();
  }
}
