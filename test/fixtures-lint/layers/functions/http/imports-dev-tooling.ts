// Breaks the product rule: functions/ imports the dev host, the local stack (both homes), a test helper and zod directly.
import { devHostName } from '../../devhost/dev-host.js';
import { freePort } from '../../devhost/stack/net.js';
import { stackPort } from '../../stack/net.js';
import { testHelper } from '../../test/helper.js';
import { z } from 'zod';

/** Uses what it must not import. */
export const broken = [devHostName, freePort, stackPort, testHelper, z.string()];
