import type { OrchestrationContext } from 'durable-functions';
import { stepNames, type RunStatus, type StepName, type StepStatus } from '../../shared/domain/run.js';

/** The custom status of a `trainingRun` instance: small enough to set on every step change. */
export interface RunCustomStatus {
  runId: string;
  status: RunStatus;
  step: StepName | null;
  steps: Record<StepName, StepStatus>;
  reason?: string;
}

/** Tracks step statuses in the orchestration's custom status (the run record is updated by the activities). */
export class RunProgress {
  private readonly state: RunCustomStatus;

  constructor(
    private readonly context: OrchestrationContext,
    runId: string,
  ) {
    const steps = Object.fromEntries(stepNames.map((s) => [s, 'pending'])) as Record<StepName, StepStatus>;
    this.state = { runId, status: 'running', step: null, steps };
    this.publish();
  }

  /** Mark `step` running (it is now the current step). */
  start(step: StepName): void {
    this.state.step = step;
    this.state.steps[step] = 'running';
    this.publish();
  }

  /** Set a step's status without making it current (carried, skipped, finished). */
  set(step: StepName, status: StepStatus): void {
    this.state.steps[step] = status;
    this.publish();
  }

  /** Set the run's status and optional reason. */
  run(status: RunStatus, reason?: string): void {
    this.state.status = status;
    if (reason !== undefined) this.state.reason = reason.slice(0, 500);
    this.publish();
  }

  /** Mark every step still pending or running as `skipped`. */
  skipRemaining(): void {
    for (const s of stepNames) if (this.state.steps[s] === 'pending') this.state.steps[s] = 'skipped';
    this.publish();
  }

  private publish(): void {
    this.context.df.setCustomStatus({ ...this.state, steps: { ...this.state.steps } });
  }
}
