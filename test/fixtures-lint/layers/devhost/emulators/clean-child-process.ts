// Passes the devhost rule: `../stack/` from devhost/emulators/ is devhost's own stack/ folder (its old home).
import { freePort } from '../stack/net.js';
import { devHostName } from '../dev-host.js';

/** Uses devhost's own modules only. */
export const fine = [freePort, devHostName];
