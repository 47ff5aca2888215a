import type { Pipeline } from '../../domain/pipeline.js';

/** The changed paths that concern a pipeline: its training code (folder, Dockerfile, extra code paths) and its DVC files. */
export interface RelevantChange {
  code: string[];
  data: string[];
}

const under = (path: string, folder: string): boolean => {
  const f = folder.replace(/\/+$/, '');
  return f === '.' || f === '' || path === f || path.startsWith(`${f}/`);
};

/**
 * Which of `paths` would change what the pipeline trains: code under `training.codePath`, the Dockerfile or
 * `retrainOn.codePaths` (when `retrainOn.codeChange`), and the tracked `.dvc` / `dvc.lock` files (when
 * `retrainOn.dataChange`). A DVC-tracked dataset changes exactly when its pointer file does.
 */
export function relevantChange(pipeline: Pipeline, paths: string[]): RelevantChange {
  const codeRoots = [pipeline.training.codePath, pipeline.training.dockerfile, ...pipeline.retrainOn.codePaths];
  const dvc = new Set(pipeline.data.dvcFiles);
  return {
    code: pipeline.retrainOn.codeChange ? paths.filter((p) => codeRoots.some((root) => under(p, root))) : [],
    data: pipeline.retrainOn.dataChange.onPush ? paths.filter((p) => dvc.has(p)) : [],
  };
}

/** A short list of paths for a trigger record (the log stays small whatever the push). */
export function listPaths(paths: string[], max = 10): string {
  if (paths.length === 0) return '(none)';
  const shown = paths.slice(0, max).join(', ');
  return paths.length > max ? `${shown} and ${paths.length - max} more` : shown;
}
