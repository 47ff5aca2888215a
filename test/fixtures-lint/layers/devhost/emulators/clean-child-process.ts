// Passes the devhost rule: devhost/ imports only its own modules.
import { devHostName } from '../dev-host.js';

/** Uses devhost's own modules only. */
export const fine = [devHostName];
