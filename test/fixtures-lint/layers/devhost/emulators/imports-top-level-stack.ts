// Breaks the devhost rule: devhost/ imports the top-level stack/, a test helper and a script.
import { stackPort } from '../../stack/net.js';
import { testHelper } from '../../test/helper.js';
import { scriptName } from '../../scripts/tool.js';

/** Uses what it must not import. */
export const broken = [stackPort, testHelper, scriptName];
