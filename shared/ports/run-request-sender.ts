import type { RunRequest } from '../domain/run-request.js';

/** Posts run requests on the `run-requests` queue (used to start a run that was queued behind a finishing one). */
export interface RunRequestSender {
  send(request: Omit<RunRequest, 'force'> & { force?: boolean }): Promise<void>;
}
