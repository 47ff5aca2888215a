import type { Progress, ProgressUpdate } from './progress.js';

/*
 * Reading progress out of the build tools' own output, line by line: pip (a venv install from a pinned requirements
 * file) and `go install -v` (the MinIO build). Each parser keeps its counts and returns the update a line implies,
 * or undefined for lines that say nothing new.
 */

/** Turns one output line into a progress update (or nothing). */
export type StageParser = (line: string) => ProgressUpdate | undefined;

/** The number of requirements a pinned file installs: its lines that are neither blank, comments, nor pip options. */
export function pinnedCount(requirementsText: string): number {
  return requirementsText.split('\n').filter((l) => {
    const t = l.trim();
    return t !== '' && !t.startsWith('#') && !t.startsWith('-');
  }).length;
}

/**
 * pip install -r: `Collecting <req>` once per requirement (counted against the pinned total, so it gives a
 * percentage), then wheels built from source distributions, then one `Installing collected packages` line and
 * `Successfully installed`.
 */
export function pipStages(pinned: number): StageParser {
  let collected = 0;
  return (line) => {
    let m = /^Collecting (\S+)/.exec(line);
    if (m) return { stage: 'collecting', done: ++collected, total: pinned, detail: m[1] };
    m = /^\s*(?:Downloading|Using cached|Processing) (\S+)/.exec(line);
    if (m && collected > 0) return { stage: 'collecting', done: collected, total: pinned, detail: m[1] };
    m = /^\s*Building wheels? for (?:collected packages: )?(\S+?),?(?:\s|$)/.exec(line);
    if (m) return { stage: 'building wheels', detail: m[1] };
    m = /^Installing collected packages: (.*)$/.exec(line);
    if (m) return { stage: `installing ${m[1]!.split(',').length} packages` };
    if (/^Successfully installed /.test(line)) return { stage: 'installed' };
    return undefined;
  };
}

/**
 * go install -v: `go: downloading <module> <version>` per module fetched, then one import path per package compiled.
 * Go does not announce totals, so both stages are counts.
 */
export function goStages(): StageParser {
  let downloaded = 0;
  let compiled = 0;
  return (line) => {
    const m = /^go: downloading (\S+)/.exec(line);
    if (m) return { stage: 'downloading modules', done: ++downloaded, detail: m[1] };
    // -v prints bare import paths: a slash-separated path with no spaces, e.g. `github.com/minio/minio/cmd`.
    if (/^[A-Za-z0-9][\w.~-]*(?:\/[\w.~+-]+)*$/.test(line.trim()) && !line.startsWith('go:')) {
      return { stage: 'compiling packages', done: ++compiled, detail: line.trim() };
    }
    return undefined;
  };
}

/** A line callback that passes what `parse` reads from each line on to `progress`. */
export function reportStages(progress: Progress, parse: StageParser): (line: string) => void {
  return (line) => {
    const u = parse(line);
    if (u) progress.update(u);
  };
}
