import { spawn } from 'node:child_process';
import { countCall } from '../http/call-stats.js';

/*
 * The real `git` CLI, run with execFile (no shell: arguments are never interpreted) in a minimal environment: no
 * terminal prompts, no pager, the C locale so messages are stable, and none of the caller's GIT_* variables (a
 * GIT_DIR inherited from a hook would point every command at another repository).
 */

/** A git command that exited non-zero: its exit code and the first lines of stderr. */
export class GitCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args[0] ?? ''} failed (exit ${exitCode ?? 'signal'}): ${stderr.trim().split('\n').slice(0, 3).join(' | ').slice(0, 500)}`);
    this.name = 'GitCommandError';
  }
}

const gitEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: process.env.HOME ?? '/',
  LC_ALL: 'C',
  GIT_TERMINAL_PROMPT: '0',
  GIT_PAGER: 'cat',
});

/** A git command that passed its deadline and was killed with every process it started. */
export class GitTimeoutError extends Error {
  constructor(
    readonly args: string[],
    readonly timeoutMs: number,
  ) {
    super(`git ${args[0] ?? ''} did not finish within ${timeoutMs} ms`);
    this.name = 'GitTimeoutError';
  }
}

/** Run git in `repoDir` and return stdout as a buffer. */
export async function git(repoDir: string, args: string[], opts: { maxBuffer?: number; timeoutMs?: number } = {}): Promise<Buffer> {
  const maxBuffer = opts.maxBuffer ?? 16 * 1024 * 1024;
  const chunks: Buffer[] = [];
  let size = 0;
  await run(repoDir, args, opts.timeoutMs ?? 60_000, (chunk, stop) => {
    size += chunk.length;
    if (size > maxBuffer) stop(new GitCommandError(args, null, `stdout exceeded ${maxBuffer} bytes`));
    else chunks.push(chunk);
  });
  return Buffer.concat(chunks);
}

/** Run git in `repoDir` and feed its stdout to `onData` as it streams (for outputs too big to buffer, like archives). */
export function gitStream(repoDir: string, args: string[], onData: (chunk: Buffer) => void, opts: { timeoutMs?: number } = {}): Promise<void> {
  return run(repoDir, args, opts.timeoutMs ?? 5 * 60_000, (chunk) => onData(chunk));
}

/**
 * Spawn git in a process group of its own and settle when it exits, or at the deadline: then the whole group is
 * killed (git's helpers, such as a remote transport, included) and the call fails at once, without waiting for a
 * helper that still holds the pipes.
 */
function run(repoDir: string, args: string[], timeoutMs: number, onData: (chunk: Buffer, stop: (e: Error) => void) => void): Promise<void> {
  countCall('git');
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', repoDir, ...args], { env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, detached: process.platform !== 'win32' });
    const stderr: Buffer[] = [];
    let settled = false;
    const finish = (e?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (e) {
        killGroup(child.pid);
        reject(e);
      } else resolve();
    };
    const timer = setTimeout(() => finish(new GitTimeoutError(args, timeoutMs)), timeoutMs);
    child.stdout.on('data', (c: Buffer) => onData(c, finish));
    child.stderr.on('data', (c: Buffer) => stderr.push(c));
    child.on('error', (e) => finish((e as NodeJS.ErrnoException).code === 'ENOENT' ? new Error('git is not installed (not on the PATH)') : e));
    child.on('close', (code) => finish(code === 0 ? undefined : new GitCommandError(args, code, Buffer.concat(stderr).toString('utf8'))));
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
