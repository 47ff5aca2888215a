import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/*
 * A "repository" whose HEAD is a named pipe: every git command run in it blocks on opening HEAD until the test writes
 * to the pipe. Runs of a pipeline with this source stay in their first step (active) for as long as a test needs, and
 * then fail at it (the ref does not exist) once released. POSIX only (mkfifo).
 */
export interface HoldingRepo {
  path: string;
  /** Answer every git command waiting on HEAD (and those arriving shortly after) so that they go on and fail. */
  releaseAll(): Promise<void>;
}

/** Make a holding repository in the empty directory `dir`. */
export function holdingRepo(dir: string): HoldingRepo {
  mkdirSync(join(dir, '.git', 'objects'), { recursive: true });
  mkdirSync(join(dir, '.git', 'refs'), { recursive: true });
  const head = join(dir, '.git', 'HEAD');
  execFileSync('mkfifo', [head]);
  return {
    path: dir,
    releaseAll: async () => {
      // Opening for writing without blocking fails with ENXIO while no git command waits on the pipe.
      for (let idle = 0; idle < 6; ) {
        let fd: number | undefined;
        try {
          fd = openSync(head, constants.O_WRONLY | constants.O_NONBLOCK);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENXIO') throw e;
        }
        if (fd === undefined) {
          idle++;
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        idle = 0;
        try {
          writeSync(fd, 'ref: refs/heads/main\n');
        } finally {
          closeSync(fd);
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    },
  };
}
