import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../shared/logging/logger.js';
import type { CapturedApp } from './core-stub.js';
import type { HostExtension } from './dev-host.js';
import { DurableEngine } from './durable/engine.js';
import type { HostClock } from './host-clock.js';
import type { RpcTypedData } from './invoke.js';

/** Durable Functions for the dev host: the engine's HTTP API mounted on the host and the `durableClient` binding. */
export class DurableExtension implements HostExtension {
  engine: DurableEngine | undefined;
  private baseUrl = '';

  constructor(private readonly opts: { stateDir: string; clock?: HostClock; log?: Logger; taskHubName?: string; maxConcurrentActivities?: number }) {}

  async start(app: CapturedApp, host: { baseUrl: string; masterKey: string }): Promise<void> {
    this.baseUrl = host.baseUrl;
    this.engine = new DurableEngine({
      app,
      // The system key is random for each start: the app reads it from its binding data; people use the master key.
      masterKey: host.masterKey,
      stateDir: this.opts.stateDir,
      baseUrl: () => this.baseUrl,
      ...(this.opts.clock ? { clock: this.opts.clock } : {}),
      ...(this.opts.log ? { log: this.opts.log } : {}),
      ...(this.opts.taskHubName ? { taskHubName: this.opts.taskHubName } : {}),
      ...(this.opts.maxConcurrentActivities ? { maxConcurrentActivities: this.opts.maxConcurrentActivities } : {}),
    });
    await this.engine.start();
  }

  async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    return this.engine ? this.engine.handleHttp(req, res) : false;
  }

  inputBindings(): Record<string, RpcTypedData> {
    return this.engine ? { durableClient: this.engine.clientInput() } : {};
  }

  async stop(): Promise<void> {
    await this.engine?.stop();
  }
}
