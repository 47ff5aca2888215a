import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { logTail } from './managed-process.js';

export interface RunLoggedOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  logFile: string;
  timeoutMs?: number;
  /** Also hand every output line (stdout and stderr) to this callback, e.g. to report a build's progress. */
  onLine?: (line: string) => void;
}

/** Run a command to completion with its output appended to `logFile`; rejects with the log tail on failure. */
export async function runLogged(command: string, args: string[], opts: RunLoggedOptions): Promise<void> {
  mkdirSync(dirname(opts.logFile), { recursive: true });
  const fd = openSync(opts.logFile, 'a');
  try {
    // Without a line callback the child writes straight into the log file; with one, its output passes through here.
    const out = opts.onLine ? 'pipe' : fd;
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', out, out], timeout: opts.timeoutMs ?? 0, killSignal: 'SIGKILL' });
    const onLine = opts.onLine;
    if (onLine) {
      for (const stream of [child.stdout, child.stderr]) {
        const forward = lineSplitter(onLine);
        const decoder = new StringDecoder('utf8');
        stream?.on('data', (chunk: Buffer) => {
          writeSync(fd, chunk);
          forward(decoder.write(chunk));
        });
      }
    }
    const code = await new Promise<number | null>((resolveCode, reject) => {
      child.once('error', reject);
      // 'close' (not 'exit'): every piped chunk has been written to the log by then.
      child.once('close', (c) => resolveCode(c));
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

/** Feed text chunks, get whole lines (split on \n or \r, as progress bars redraw with \r); a partial line waits for its end. */
function lineSplitter(onLine: (line: string) => void): (chunk: string) => void {
  let pending = '';
  return (chunk) => {
    const parts = (pending + chunk).split(/\r\n|\n|\r/);
    pending = parts.pop() ?? '';
    for (const line of parts) if (line !== '') onLine(line);
  };
}
