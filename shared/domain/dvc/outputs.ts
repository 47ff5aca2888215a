import { parse } from 'yaml';
import { z } from '../zod.js';
import { AppError } from '../errors.js';

/** One tracked output as a `.dvc` file or `dvc.lock` records it, with its path made relative to the repository root. */
export interface DvcOutput {
  /** Repository-relative posix path of the file or directory. */
  path: string;
  /** The md5 (for a directory: md5 of its `.dir` manifest plus `.dir`). */
  md5: string;
  size?: number;
  nfiles?: number;
  /** `md5` for DVC 3 outputs (`hash: md5`), `md5-dos2unix` for legacy DVC 2 outputs (no `hash` key). */
  hashAlgorithm: 'md5' | 'md5-dos2unix';
  isDir: boolean;
  /** False when the output is not pushed to a remote (`cache: false` or `push: false`). */
  inRemote: boolean;
  /** A named remote other than the default (`remote: <name>`). */
  remote?: string;
  /** The file that declared it. */
  declaredIn: string;
}

const md5Schema = z.string().regex(/^[0-9a-f]{32}(\.dir)?$/, 'must be an md5 hex digest, optionally ending in .dir');

const outSchema = z.looseObject({
  path: z.string().min(1),
  md5: md5Schema.optional(),
  hash: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  nfiles: z.number().int().nonnegative().optional(),
  cache: z.boolean().optional(),
  push: z.boolean().optional(),
  remote: z.string().optional(),
  files: z.array(z.unknown()).optional(),
});
type RawOut = z.infer<typeof outSchema>;

const dvcFileSchema = z.looseObject({ outs: z.array(outSchema).min(1), wdir: z.string().optional() });
const lockSchema = z.looseObject({
  schema: z.literal('2.0'),
  stages: z.record(z.string(), z.looseObject({ outs: z.array(outSchema).optional() })),
});

/** Join a posix directory and a relative path, resolving `.` and `..` without escaping the repository. */
export function joinRepoPath(dir: string, rel: string, declaredIn: string): string {
  const parts: string[] = [];
  for (const seg of [...dir.split('/'), ...rel.split('/')]) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) throw invalid(declaredIn, `path '${rel}' points outside the repository`);
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function invalid(file: string, message: string): AppError {
  return new AppError('VALIDATION', `${file}: ${message}`, { details: { file } });
}

function toOutput(raw: RawOut, baseDir: string, declaredIn: string): DvcOutput {
  if (raw.files !== undefined) throw invalid(declaredIn, `output '${raw.path}' comes from a cloud-versioned remote, which is not supported`);
  if (raw.md5 === undefined) throw invalid(declaredIn, `output '${raw.path}' has no md5 (was it added with dvc add / dvc repro and committed?)`);
  if (raw.hash !== undefined && raw.hash !== 'md5') throw invalid(declaredIn, `output '${raw.path}' uses hash '${raw.hash}'; only md5 is supported`);
  return {
    path: joinRepoPath(baseDir, raw.path, declaredIn),
    md5: raw.md5,
    ...(raw.size !== undefined ? { size: raw.size } : {}),
    ...(raw.nfiles !== undefined ? { nfiles: raw.nfiles } : {}),
    hashAlgorithm: raw.hash === 'md5' ? 'md5' : 'md5-dos2unix',
    isDir: raw.md5.endsWith('.dir'),
    inRemote: raw.cache !== false && raw.push !== false,
    ...(raw.remote !== undefined ? { remote: raw.remote } : {}),
    declaredIn,
  };
}

function parseYaml(text: string, file: string): unknown {
  try {
    return parse(text, { maxAliasCount: 50 });
  } catch (e) {
    throw invalid(file, `is not valid YAML (${e instanceof Error ? e.message.split('\n')[0] : 'parse error'})`);
  }
}

function issues(file: string, error: z.ZodError): AppError {
  return invalid(file, error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
}

/** The outputs a `.dvc` file tracks (paths relative to the file's directory, or its `wdir`). */
export function parseDvcFile(text: string, file: string): DvcOutput[] {
  const parsed = dvcFileSchema.safeParse(parseYaml(text, file));
  if (!parsed.success) throw issues(file, parsed.error);
  const base = joinRepoPath(dirOf(file), parsed.data.wdir ?? '.', file);
  return parsed.data.outs.map((o) => toOutput(o, base, file));
}

/** The outputs of every stage in a `dvc.lock` (paths relative to the lock file's directory). */
export function parseDvcLock(text: string, file: string): DvcOutput[] {
  const parsed = lockSchema.safeParse(parseYaml(text, file));
  if (!parsed.success) throw issues(file, parsed.error);
  const base = dirOf(file);
  return Object.values(parsed.data.stages).flatMap((s) => (s.outs ?? []).map((o) => toOutput(o, base, file)));
}

/** Parse a tracked DVC file by its name: `dvc.lock` or `*.dvc`. */
export function parseTrackedFile(text: string, file: string): DvcOutput[] {
  return file === 'dvc.lock' || file.endsWith('/dvc.lock') ? parseDvcLock(text, file) : parseDvcFile(text, file);
}
