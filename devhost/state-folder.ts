import { rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/** Where `npm start` keeps each kind of local state, all under one folder. */
export interface StateFolder {
  root: string;
  /** Azurite's files (`--location`). */
  azurite: string;
  /** The local store behind the store ports (when no COSMOS_ENDPOINT is given). */
  store: string;
  /** Durable histories of the task hub (unless MLCYCLE_DURABLE_DIR names another folder). */
  durable: string;
  /** Pid files of the emulators this host started, reaped at the next start. */
  pids: string;
}

/** The state folder: `MLCYCLE_STATE_DIR` (relative to the app root) or `.mlcycle/local`. */
export function stateFolder(appRoot: string, env: Record<string, string | undefined>): StateFolder {
  const setting = env.MLCYCLE_STATE_DIR;
  const root = setting ? (isAbsolute(setting) ? setting : resolve(appRoot, setting)) : join(appRoot, '.mlcycle', 'local');
  const durable = env.MLCYCLE_DURABLE_DIR ?? join(root, 'durable', env.TASK_HUB_NAME ?? 'mlcycle');
  return { root, azurite: join(root, 'azurite'), store: join(root, 'store'), durable, pids: join(root, 'pids') };
}

/** Delete the state folder (`npm start -- --reset`); the pid files are read first, by the caller, so nothing is orphaned. */
export function resetStateFolder(folder: StateFolder): void {
  rmSync(folder.root, { recursive: true, force: true });
}
