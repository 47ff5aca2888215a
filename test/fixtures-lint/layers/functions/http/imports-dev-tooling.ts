// Breaks the product rule: functions/ imports the dev host, the local stack, a test helper and zod directly.
import { devHostName } from '../../devhost/dev-host.js';
import { fine } from '../../devhost/emulators/clean-child-process.js';
import { stackPort } from '../../stack/net.js';
import { testHelper } from '../../test/helper.js';
import { z } from 'zod';

/** Uses what it must not import. */
export const broken = [devHostName, fine, stackPort, testHelper, z.string()];
