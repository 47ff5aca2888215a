import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Where the local stack keeps things. Two places, on purpose:
 * - the cache (venvs, the MinIO binary) lives outside the clone, keyed by content, so a fresh clone (CI) reuses it;
 * - per-run state (databases, object data, logs, pid files) lives under the repo's git-ignored `.mlcycle/`.
 */

/** The repository root: the nearest ancestor of this file holding the pinned Python requirements. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'python', 'requirements-ml.txt'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('mlcycle repository root not found above stack/');
    dir = up;
  }
}

/** The shared cache: `MLCYCLE_CACHE_DIR`, else `${XDG_CACHE_HOME:-~/.cache}/mlcycle`. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MLCYCLE_CACHE_DIR) return resolve(env.MLCYCLE_CACHE_DIR);
  const xdg = env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), '.cache');
  return join(xdg, 'mlcycle');
}

/** The repo-local, git-ignored state directory (`.mlcycle/`). */
export function stateRoot(): string {
  return join(repoRoot(), '.mlcycle');
}

/** The folder Airflow parses DAGs from: the repo's `airflow/dags`. */
export function dagsFolder(): string {
  return join(repoRoot(), 'airflow', 'dags');
}
