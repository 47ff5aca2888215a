// Passes the functions rule: adapters come through Services.
import type { Services } from '../../shared/app/services.js';

/** Reads what it needs from Services. */
export function queueNameOf(services: Services): string {
  return services.queueName;
}
