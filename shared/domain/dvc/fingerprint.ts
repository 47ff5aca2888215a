import { createHash } from 'node:crypto';
import type { DataPathVersion } from '../run.js';

/**
 * One fingerprint over every tracked output: sha256 of the sorted `path md5` lines. Two commits that track the same
 * bytes at the same paths get the same fingerprint, whatever the order of files in the pipeline's list.
 */
export function dataFingerprint(paths: Pick<DataPathVersion, 'path' | 'md5'>[]): string {
  const lines = paths.map((p) => `${p.path}\t${p.md5}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}
