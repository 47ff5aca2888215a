import { execFile, spawn } from 'node:child_process';
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

/** Run git in `repoDir` and return stdout as a buffer. */
export function git(repoDir: string, args: string[], opts: { maxBuffer?: number; timeoutMs?: number } = {}): Promise<Buffer> {
  countCall('git');
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-C', repoDir, ...args],
      { env: gitEnv(), encoding: 'buffer', maxBuffer: opts.maxBuffer ?? 16 * 1024 * 1024, timeout: opts.timeoutMs ?? 60_000, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) {
          const code = typeof error.code === 'number' ? error.code : null;
          if (code === null && (error as NodeJS.ErrnoException).code === 'ENOENT') reject(new Error('git is not installed (not on the PATH)'));
          else reject(new GitCommandError(args, code, stderr.toString('utf8')));
          return;
        }
        resolve(stdout);
      },
    );
  });
}

/** Run git in `repoDir` and feed its stdout to `onData` as it streams (for outputs too big to buffer, like archives). */
export function gitStream(repoDir: string, args: string[], onData: (chunk: Buffer) => void, opts: { timeoutMs?: number } = {}): Promise<void> {
  countCall('git');
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', repoDir, ...args], { env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, timeout: opts.timeoutMs ?? 5 * 60_000 });
    const stderr: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => onData(c));
    child.stderr.on('data', (c: Buffer) => stderr.push(c));
    child.on('error', (e) => reject((e as NodeJS.ErrnoException).code === 'ENOENT' ? new Error('git is not installed (not on the PATH)') : e));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new GitCommandError(args, code, Buffer.concat(stderr).toString('utf8')))));
  });
}
