import { AppError } from '../errors.js';
import type { DvcOutput } from './outputs.js';

/**
 * Where an object lives under a DVC remote: DVC 3 (`hash: md5`) keeps it under `files/md5/ab/cdef…`, legacy DVC 2
 * outputs directly under `ab/cdef…` (external-apis §3.4). A directory's manifest keeps its `.dir` suffix.
 */
export function remoteKey(md5: string, algorithm: DvcOutput['hashAlgorithm']): string {
  const key = `${md5.slice(0, 2)}/${md5.slice(2)}`;
  return algorithm === 'md5' ? `files/md5/${key}` : key;
}

/** The remotes a `.dvc/config` (INI) declares, and the default one. */
export interface DvcRemotes {
  defaultRemote?: string;
  urls: Record<string, string>;
}

/** Read the remotes out of `.dvc/config`. Only `[core] remote` and `['remote "name"'] url` matter here. */
export function parseDvcConfig(text: string): DvcRemotes {
  const out: DvcRemotes = { urls: {} };
  let section = '';
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*'?(.*?)'?\s*\]$/.exec(line);
    if (header) {
      section = (header[1] ?? '').trim();
      continue;
    }
    const kv = /^([A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(line);
    if (!kv) continue;
    const [, key, value] = kv as unknown as [string, string, string];
    const remote = /^remote\s+"(.+)"$/.exec(section);
    if (section === 'core' && key === 'remote') out.defaultRemote = value.trim();
    else if (remote && key === 'url') out.urls[remote[1] as string] = value.trim();
  }
  return out;
}

/** The s3:// URL an output is pushed to: the pipeline's configured remote, else the output's or the repo's default remote. */
export function remoteUrlFor(output: DvcOutput, configured: string | undefined, remotes: DvcRemotes | null): string {
  if (configured && output.remote === undefined) return configured;
  const name = output.remote ?? remotes?.defaultRemote;
  const url = name !== undefined ? remotes?.urls[name] : undefined;
  if (url === undefined) {
    if (configured) return configured;
    throw new AppError('VALIDATION', `No DVC remote for '${output.path}': set data.remoteUrl on the pipeline or a default remote in .dvc/config`, {
      details: { path: output.path },
    });
  }
  if (!/^s3:\/\//.test(url)) throw new AppError('VALIDATION', `DVC remote '${name}' is not an s3:// remote; only S3-compatible remotes are supported`);
  return url;
}
