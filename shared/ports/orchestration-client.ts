/** The runtime state of an orchestration instance, as the Durable client reports it. */
export type InstanceRuntimeStatus = 'Running' | 'Pending' | 'Completed' | 'ContinuedAsNew' | 'Failed' | 'Canceled' | 'Terminated' | 'Suspended' | 'Unknown';

/** Starting, signalling and stopping orchestrations (the Durable client, behind a port so use cases stay testable). */
export interface OrchestrationClient {
  /** Start `name` as `instanceId`; `already-exists` when an instance with that id is present in any state. */
  start(name: string, instanceId: string, input: unknown): Promise<'started' | 'already-exists'>;
  status(instanceId: string): Promise<{ runtimeStatus: InstanceRuntimeStatus; customStatus?: unknown } | null>;
  /** Raise an event; `gone` when the instance has finished, `not-found` when it does not exist. */
  raise(instanceId: string, event: string, data: unknown): Promise<'raised' | 'gone' | 'not-found'>;
  /** Terminate; finished or absent instances are left as they are. */
  terminate(instanceId: string, reason: string): Promise<void>;
}
