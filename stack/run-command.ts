import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { logTail } from './managed-process.js';

/** Run a command to completion with its output appended to `logFile`; rejects with the log tail on failure. */
export async function runLogged(command: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; logFile: string; timeoutMs?: number }): Promise<void> {
  mkdirSync(dirname(opts.logFile), { recursive: true });
  const fd = openSync(opts.logFile, 'a');
  try {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', fd, fd], timeout: opts.timeoutMs ?? 0, killSignal: 'SIGKILL' });
    const code = await new Promise<number | null>((resolveCode, reject) => {
      child.once('error', reject);
      child.once('exit', (c) => resolveCode(c));
    });
    if (code !== 0) {
      throw new Error(`${command} ${args.join(' ')} failed (exit ${code ?? 'signal'}). Log tail (${opts.logFile}):\n${logTail(opts.logFile, 40)}`);
    }
  } finally {
    closeSync(fd);
  }
}

/** Run a command and capture its stdout (stderr is kept for the error message). */
export async function runCapture(command: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<string> {
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], timeout: opts.timeoutMs ?? 120_000, killSignal: 'SIGKILL' });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const code = await new Promise<number | null>((resolveCode, reject) => {
    child.once('error', reject);
    child.once('close', (c) => resolveCode(c));
  });
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${code ?? 'signal'}): ${err.trim().split('\n').slice(-15).join('\n')}`);
  return out;
}
