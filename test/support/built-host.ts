import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../devhost/emulators/free-port.js';
import { appRoot } from './app-host.js';

/** The compiled dev host running as `npm start` runs it, with what it printed so far. */
export interface BuiltHost {
  child: ChildProcess;
  base: string;
  output: () => string;
}

/**
 * Start `dist/devhost/main.js` (building it first if needed) on a free port with the given settings added and the
 * named ones removed from this process's environment, and wait until it listens.
 */
export async function startBuiltHost(settings: { set?: NodeJS.ProcessEnv; unset: string[] }): Promise<BuiltHost> {
  if (!existsSync(join(appRoot, 'dist/devhost/main.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: appRoot });
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), ...settings.set };
  for (const k of settings.unset) delete env[k];
  const child = spawn(process.execPath, ['dist/devhost/main.js'], { cwd: appRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const end = Date.now() + 60_000;
  while (!output.includes('Host listening on')) {
    if (Date.now() > end || child.exitCode !== null) throw new Error(`dev host did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, base: `http://127.0.0.1:${port}`, output: () => output };
}
