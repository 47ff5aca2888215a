import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive } from './process-tree.js';

/*
 * A cross-process lock for cache builds: the lock file is created exclusively (`wx`) and holds the owner's pid.
 * A lock whose owner is dead is stale and taken over, so a build killed half-way never blocks the next one.
 * (A pid-liveness check suits this better than mtime heartbeats: builds run for minutes with no natural tick.)
 */

/**
 * Hold `path` as a lock while `fn` runs; waits (polling) up to `timeoutMs` for another holder to finish, telling
 * `onWait` once, with the holder's pid, when it has to wait.
 */
export async function withFileLock<T>(path: string, timeoutMs: number, fn: () => Promise<T>, onWait?: (owner: number | null) => void): Promise<T> {
  mkdirSync(dirname(path), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let waited = false;
  for (;;) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      // Two waiters may both take over the same stale lock; the loser's file is replaced, so confirm ownership.
      await sleep(200);
      if (readOwner(path) === process.pid) break;
      continue;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = readOwner(path);
      if (owner !== null && owner !== process.pid && !isAlive(owner)) {
        rmSync(path, { force: true });
        continue;
      }
      if (!waited) {
        waited = true;
        onWait?.(owner);
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the lock ${path} (held by pid ${owner ?? '?'})`, { cause: e });
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(path, { force: true });
  }
}

function readOwner(path: string): number | null {
  try {
    const n = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}
