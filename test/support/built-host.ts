import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appRoot } from './app-host.js';

/** The compiled dev host running as `npm start` runs it, with what it printed so far. */
export interface BuiltHost {
  child: ChildProcess;
  base: string;
  output: () => string;
}

/**
 * Start `dist/devhost/main.js` (building it first if needed) with the given settings added and the named ones removed
 * from this process's environment, and wait until it listens. It binds port 0 (unless `PORT` is set) and the URL it
 * prints is the one returned, so no port is chosen here and bound later by another process.
 */
export async function startBuiltHost(settings: { set?: NodeJS.ProcessEnv; unset: string[]; args?: string[] }): Promise<BuiltHost> {
  if (!existsSync(join(appRoot, 'dist/devhost/main.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: appRoot });
  // A fresh state folder unless the test names one: the default (.mlcycle/local) would carry state between test runs.
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', MLCYCLE_STATE_DIR: mkdtempSync(join(tmpdir(), 'mlcycle-state-')), ...settings.set };
  for (const k of settings.unset) delete env[k];
  const child = spawn(process.execPath, ['dist/devhost/main.js', ...(settings.args ?? [])], { cwd: appRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const end = Date.now() + 60_000;
  while (!/Host listening on \S+\s/.test(output)) {
    if (Date.now() > end || child.exitCode !== null) throw new Error(`dev host did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const base = /Host listening on (http:\/\/\S+)/.exec(output)?.[1];
  if (!base) throw new Error(`dev host printed no URL:\n${output}`);
  return { child, base, output: () => output };
}

/** Every process below `pid` (children, their children, ...), as `pgrep -P` finds them now. */
export function descendants(pid: number): number[] {
  try {
    const direct = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
    return direct.flatMap((p) => [p, ...descendants(p)]);
  } catch {
    return [];
  }
}

export { isAlive as alive } from '../../devhost/emulators/proc-stat.js';
