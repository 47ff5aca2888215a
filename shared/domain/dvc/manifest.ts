import { z } from '../zod.js';
import { AppError } from '../errors.js';

/** One file of a directory output, as its `.dir` manifest lists it. */
export interface ManifestEntry {
  md5: string;
  relpath: string;
}

const manifestSchema = z.array(z.looseObject({ md5: z.string().regex(/^[0-9a-f]{32}$/), relpath: z.string().min(1) }));

/** Parse a `.dir` manifest: a JSON list of `{md5, relpath}` (dvc-data `hashfile/tree.py`). */
export function parseDirManifest(text: string, key: string): ManifestEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION', `The directory manifest ${key} is not valid JSON`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new AppError('VALIDATION', `The directory manifest ${key} is not a list of {md5, relpath}`);
  for (const e of parsed.data) {
    if (e.relpath.startsWith('/') || e.relpath.split('/').includes('..')) {
      throw new AppError('VALIDATION', `The directory manifest ${key} lists a path outside its directory`);
    }
  }
  return parsed.data.map((e) => ({ md5: e.md5, relpath: e.relpath }));
}
