/** Thrown when a service does not become healthy in time or exits while starting. Carries its log's tail. */
export class ServiceStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceStartError';
  }
}
