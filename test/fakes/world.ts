import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ModelVersionInfo, TrackedRun } from '../../shared/ports/external-systems.js';
import type { Pipeline } from '../../shared/domain/pipeline.js';
import type { Run } from '../../shared/domain/run.js';
import type { RunSlot } from '../../shared/domain/run-slot.js';
import type { LifecycleRecord, PipelineState } from '../../shared/domain/pipeline-state.js';
import type { SignalGate, SignalMark } from '../../shared/domain/signals/signal-gate.js';
import type { TriggerRecord } from '../../shared/domain/trigger-record.js';

/** A dag run in the fake Airflow. Training "takes" `finishAt - createdAt` on the fake clock. */
export interface FakeDagRun {
  dagId: string;
  dagRunId: string;
  conf: Record<string, unknown>;
  createdAt: number;
  finishAt: number;
  finalState: 'success' | 'failed';
  markedFailed: boolean;
  notified: boolean;
}

/** A build in the fake Azure DevOps pipeline. */
export interface FakeBuild {
  buildId: string;
  runId: string;
  registry: string;
  repository: string;
  tag: string;
  createdAt: number;
  finishAt: number;
  finalState: 'succeeded' | 'failed';
  notified: boolean;
}

/** Side effects the tests count. */
export interface Counters {
  dagRunsCreated: number;
  buildsStarted: number;
  modelVersionsRegistered: number;
  aliasesSet: number;
  eventsPublished: number;
  prStatuses: number;
  prComments: number;
}

/**
 * Everything the fakes hold, as one JSON-able object. With a `persistPath` it is written (atomically) after each
 * change and read back at start, so a dev host killed with `kill -9` restarts with the same external state.
 */
export interface WorldState {
  branches: Record<string, string>;
  files: Record<string, string>;
  objects: Record<string, string | null>;
  tags: Record<string, string>;
  builds: Record<string, FakeBuild>;
  dagRuns: Record<string, FakeDagRun>;
  trackedRuns: (TrackedRun & { tags: Record<string, string> })[];
  versions: (ModelVersionInfo & { metrics: Record<string, number> })[];
  aliases: Record<string, string>;
  events: { id: string; type: string; subject: string; data: Record<string, unknown>; sequence?: number; time?: string }[];
  /** `base..target` pairs whose history was rewritten (a force push), for the fake source's comparison. */
  rewritten?: string[];
  /** Pull request statuses, in the order posted. */
  statuses: { pullRequestId: number; name: string; state: string; description: string }[];
  /** Comment threads by `<pullRequestId>#<key>`. */
  threads: Record<string, { threadId: number; comments: { revision: string; content: string }[] }>;
  pipelines: Record<string, Pipeline>;
  runs: Record<string, Run>;
  triggers: Record<string, TriggerRecord>;
  /** Run slots by pipeline id (optional: a world persisted before slots existed has none). */
  runSlots?: Record<string, RunSlot>;
  /** Pipeline states and lifecycle records (optional, like `runSlots`). */
  pipelineStates?: Record<string, PipelineState>;
  lifecycleRecords?: Record<string, LifecycleRecord>;
  /** Signal cool-down gates by pipeline id, and signal marks by `<pipelineId>/<signalId>` (optional, like slots). */
  signalGates?: Record<string, SignalGate>;
  signalMarks?: Record<string, SignalMark>;
  counters: Counters;
  seq: number;
}

/** An empty world. */
export function emptyWorld(): WorldState {
  return {
    branches: {},
    files: {},
    objects: {},
    tags: {},
    builds: {},
    dagRuns: {},
    trackedRuns: [],
    versions: [],
    aliases: {},
    events: [],
    statuses: [],
    threads: {},
    pipelines: {},
    runs: {},
    triggers: {},
    counters: { dagRunsCreated: 0, buildsStarted: 0, modelVersionsRegistered: 0, aliasesSet: 0, eventsPublished: 0, prStatuses: 0, prComments: 0 },
    seq: 0,
  };
}

/** The shared state of a set of fakes, optionally persisted to a file. */
export class World {
  state: WorldState;

  constructor(private readonly persistPath?: string) {
    this.state = persistPath && existsSync(persistPath) ? (JSON.parse(readFileSync(persistPath, 'utf8')) as WorldState) : emptyWorld();
  }

  /** Record a change (writes the file when persisted). */
  changed(): void {
    if (!this.persistPath) return;
    const tmp = `${this.persistPath}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state));
    renameSync(tmp, this.persistPath);
  }

  /** A fresh id (sequence within this world). */
  nextId(prefix: string): string {
    this.state.seq++;
    this.changed();
    return `${prefix}${this.state.seq}`;
  }
}
