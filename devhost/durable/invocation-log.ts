import type { Logger } from '../../shared/logging/logger.js';
import type { InvocationLog } from '../invoke.js';

/** The log an invoked function writes to, mapped onto the dev host's logger at the matching level. */
export function invocationLogTo(log: Logger, functionName: string): InvocationLog {
  return (level, category, message) => {
    const fields = { function: functionName, category };
    if (level === 'error' || level === 'critical') log.error(message, fields);
    else if (level === 'warning') log.warn(message, fields);
    else if (level === 'information') log.info(message, fields);
    else log.debug(message, fields);
  };
}
