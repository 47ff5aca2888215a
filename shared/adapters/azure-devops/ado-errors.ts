import { AppError, isRetryableStatus } from '../../domain/errors.js';

/*
 * The client's failures as typed errors. `azure-devops-node-api` (typed-rest-client) throws an `Error` whose message
 * is the service's `message` and whose `statusCode` is the HTTP status; network failures carry a Node `code`.
 * Messages never include request headers, so no credential can leak through them.
 */

const networkCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EHOSTUNREACH', 'EPIPE', 'ENETUNREACH']);

/** How retryable errors name the system, so a step's failure says which one it waited on. */
const system = 'azure-devops';

/** The scopes a PAT needs for everything the adapters do. */
export const requiredPatScopes = 'Code (read & write: pull-request statuses and comments) and Build (read & execute)';

/** The HTTP status a client error carries, if any. */
export function statusOf(e: unknown): number | undefined {
  const s = (e as { statusCode?: unknown } | null)?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

/** Map anything the client threw while doing `what` to an `AppError`. */
export function mapAdoError(e: unknown, what: string): AppError {
  if (e instanceof AppError) return e;
  const message = (e instanceof Error ? e.message : String(e)).slice(0, 300);
  const status = statusOf(e);
  if (status === 401 || status === 403) {
    return new AppError(
      'CONFIG',
      `Azure DevOps refused ${what} (HTTP ${status}): the PAT needs the ${requiredPatScopes} scopes, or the managed identity needs access to the organization and project`,
      { details: { status } },
    );
  }
  if (status !== undefined) {
    return isRetryableStatus(status)
      ? new AppError('TRANSIENT', `Azure DevOps failed ${what} (HTTP ${status}): ${message}`, { details: { system, status } })
      : new AppError('PERMANENT', `Azure DevOps rejected ${what} (HTTP ${status}): ${message}`, { details: { status } });
  }
  const code = (e as { code?: unknown } | null)?.code;
  if ((typeof code === 'string' && networkCodes.has(code)) || /^Request timeout/.test(message)) {
    return new AppError('TRANSIENT', `Azure DevOps could not be reached for ${what}: ${typeof code === 'string' ? code : message}`, { details: { system } });
  }
  if (e instanceof Error && e.name === 'CredentialUnavailableError') {
    return new AppError('CONFIG', `No Entra credential for Azure DevOps (${what}): configure a managed identity or a PAT`);
  }
  if (/Failed to find api location|Could not find information for resource area/.test(message)) {
    return new AppError('CONFIG', `The Azure DevOps organization URL does not serve the REST API (${what}): check the organization name or URL`);
  }
  return new AppError('TRANSIENT', `Azure DevOps failed ${what}: ${message}`, { details: { system } });
}
