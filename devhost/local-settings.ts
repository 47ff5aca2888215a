import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from '../shared/domain/zod.js';
import { documentedKeys } from './host-keys.js';

const localSettingsSchema = z.object({ IsEncrypted: z.boolean().optional(), Values: z.record(z.string(), z.string()).default({}) });

/** Defaults that make `npm start` work on a clean clone: everything local, embedded emulators, a documented dev key. */
export const embeddedDefaults: Record<string, string> = {
  // The AWS SDK warns on every start that Node 20 support ends in 2027; Azure runs the app on Node 22.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  MLCYCLE_ENVIRONMENT: 'local',
  COSMOS_CREATE_CONTAINERS: 'true',
  TASK_HUB_NAME: 'mlcycle',
  // Queue triggers name their queue as %RUN_REQUESTS_QUEUE%: the host resolves it from app settings, not from config defaults.
  RUN_REQUESTS_QUEUE: 'run-requests',
  RUN_EVENTS_QUEUE: 'run-events',
  ADO_HOOKS_QUEUE: 'ado-hooks',
  // Dev-host only: the documented keys (not secrets), which stand only while neither is set (see host-keys.ts).
  MLCYCLE_FUNCTION_KEY: documentedKeys.functionKey,
  MLCYCLE_MASTER_KEY: documentedKeys.masterKey,
};

/**
 * The settings the dev host runs the app with: embedded defaults, overlaid by `local.settings.json` `Values`, overlaid
 * by the process environment (a variable you export always wins, as with `func start`).
 */
export function readLocalSettings(appRoot: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const file = join(appRoot, 'local.settings.json');
  const values = existsSync(file) ? localSettingsSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).Values : {};
  const merged: Record<string, string> = { ...embeddedDefaults, ...values };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) merged[k] = v;
  return merged;
}
