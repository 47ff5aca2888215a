import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/*
 * What a run prints is a log too. The dev host runs inside the test or demo process, so the app's log lines and the
 * host's own messages go to this process's stdout and stderr; a tee keeps a copy in a file the scan reads, and lines
 * that would only add noise to a terminal can go to a file directly.
 */

/** Copy everything this process writes to stdout and stderr into `file` (appended) until `stop()`. */
export function teeProcessOutput(file: string): { stop(): void } {
  mkdirSync(dirname(file), { recursive: true });
  // Bound, so each keeps its stream as `this` whoever calls it; `stop()` puts these back.
  const saved = [process.stdout, process.stderr].map((stream) => ({ stream, original: stream.write.bind(stream) }));
  for (const { stream, original } of saved) {
    const write = (chunk: unknown, ...rest: unknown[]): boolean => {
      const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8';
      try {
        appendFileSync(file, typeof chunk === 'string' ? Buffer.from(chunk, encoding) : (chunk as Uint8Array));
      } catch {
        // The copy is for the scan; a failed append must not break the output itself.
      }
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    };
    stream.write = write;
  }
  return {
    stop: () => {
      for (const { stream, original } of saved) stream.write = original;
    },
  };
}

/** A sink that appends each line to `file`, for logs a terminal need not show (the dev host's invocation log). */
export function fileLines(file: string): (line: string) => void {
  mkdirSync(dirname(file), { recursive: true });
  return (line) => appendFileSync(file, line.endsWith('\n') ? line : `${line}\n`);
}
