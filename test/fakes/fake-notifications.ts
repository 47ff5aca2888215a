import type { EventPublisher, PublishedEvent, PullRequestStatusState, ReviewNotifier } from '../../shared/ports/external-systems.js';
import { FaultPlan } from './faults.js';
import { ListIndex } from './list-index.js';
import type { World } from './world.js';

/** The run-events queue in memory; an event id published twice is kept once (consumers dedupe by id). */
export class FakeEventPublisher implements EventPublisher {
  readonly faults = new FaultPlan('events');
  /** The events by id, so a long simulation's publish does not scan every event it kept. */
  private readonly byId = new ListIndex<PublishedEvent>((e) => e.id);

  constructor(private readonly world: World) {}

  async publish(event: PublishedEvent): Promise<void> {
    await this.faults.enter('publish');
    this.world.state.counters.eventsPublished++;
    const events = this.world.state.events;
    if (this.byId.get(events, event.id).length === 0) events.push(event);
    this.world.changed();
  }

  /** Distinct events published. */
  get published() {
    return this.world.state.events;
  }
}

/** Pull request statuses and comment threads in memory. */
export class FakeReviewNotifier implements ReviewNotifier {
  readonly faults = new FaultPlan('review');
  constructor(private readonly world: World) {}

  async setPullRequestStatus(req: { pullRequestId: number; name: string; state: PullRequestStatusState; description: string; targetUrl?: string }): Promise<void> {
    await this.faults.enter('setPullRequestStatus');
    this.world.state.statuses.push({ pullRequestId: req.pullRequestId, name: req.name, state: req.state, description: req.description });
    this.world.state.counters.prStatuses++;
    this.world.changed();
  }

  async upsertPullRequestThread(req: { pullRequestId: number; key: string; revision: string; content: string }): Promise<{ threadId: number }> {
    await this.faults.enter('upsertPullRequestThread');
    const id = `${req.pullRequestId}#${req.key}`;
    const thread = (this.world.state.threads[id] ??= { threadId: Object.keys(this.world.state.threads).length + 1, comments: [] });
    if (!thread.comments.some((c) => c.revision === req.revision)) {
      thread.comments.push({ revision: req.revision, content: req.content });
      this.world.state.counters.prComments++;
    }
    this.world.changed();
    return { threadId: thread.threadId };
  }
}
