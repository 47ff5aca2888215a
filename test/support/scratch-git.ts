import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };

/** `git` and file writes in a test's scratch repository (`dir()` is read at each call: tests make it in `before`). */
export function scratchGit(dir: () => string): { sh: (args: string[]) => string; write: (path: string, text: string) => void } {
  return {
    sh: (args) => execFileSync('git', ['-C', dir(), ...args], { env, encoding: 'utf8' }).trim(),
    write: (path, text) => {
      mkdirSync(dirname(join(dir(), path)), { recursive: true });
      writeFileSync(join(dir(), path), text);
    },
  };
}
