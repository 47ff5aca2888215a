import { AppError } from '../errors.js';

/** A data object the remote should hold: the repository path it stands for and its key under the remote. */
export interface RequiredObject {
  remoteUrl: string;
  key: string;
  path: string;
}

/** The permanent error for data that was committed but never `dvc push`ed; names the missing paths (at most 20). */
export function dataNotPushed(missing: RequiredObject[]): AppError {
  const shown = missing.slice(0, 20).map((m) => m.path);
  const more = missing.length > shown.length ? ` and ${missing.length - shown.length} more` : '';
  return new AppError('DATA_NOT_PUSHED', `Data is not in the DVC remote (run dvc push): ${shown.join(', ')}${more}`, {
    details: { missing: missing.slice(0, 20).map((m) => ({ path: m.path, key: m.key, remoteUrl: m.remoteUrl })), count: missing.length },
  });
}

/**
 * The permanent error for a reproduction whose data is no longer in the remote (deleted or expired since the original
 * trained): names the fingerprint, the remote and the missing paths (at most 20). Pushing again is not the fix here.
 */
export function dataGone(fingerprint: string, missing: RequiredObject[]): AppError {
  const shown = missing.slice(0, 20).map((m) => m.path);
  const more = missing.length > shown.length ? ` and ${missing.length - shown.length} more` : '';
  const remotes = [...new Set(missing.map((m) => m.remoteUrl))].join(', ');
  return new AppError('PERMANENT', `${missing.length} objects of data fingerprint ${fingerprint} are no longer in ${remotes}: ${shown.join(', ')}${more}; a reproduction needs the data the original trained on`, {
    details: { fingerprint, missing: missing.slice(0, 20).map((m) => ({ path: m.path, key: m.key, remoteUrl: m.remoteUrl })), count: missing.length },
  });
}
