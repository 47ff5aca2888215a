import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../../domain/errors.js';
import { z } from '../../domain/zod.js';
import type { BuildState, ImageBuilder, ImageRegistry } from '../../ports/external-systems.js';
import { git, GitCommandError, gitStream } from '../git/git-cli.js';
import type { LocalGitSource } from '../git/local-git-source.js';

/*
 * Images on one machine, where there is no Docker engine and no registry: a directory-backed registry in which a
 * "build" records the image reference with a content digest of the commit's training code. The digest is the sha256
 * of `git archive` of the code folder and the Dockerfile at that commit (git writes the commit time as every entry's
 * mtime, so the archive, and the digest, are the same whenever the same commit is built). So "build only when
 * missing" and image digests in the lineage behave as they do with ACR, and the DAG's local mode runs the same code.
 *
 * Layout under the registry directory:
 *   <registry>/<repository>/_tags/<tag>.json   { digest, registry, repository, tag, commitSha, codePath, dockerfile, buildId, builtAt }
 *   _builds/<buildId>.json                      { buildId, state, digest?, error?, tag, ... }
 */

const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const repositoryPattern = /^[a-z0-9]+(?:[._/-][a-z0-9]+)*$/;
const buildIdPattern = /^local-[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

const tagRecordSchema = z.object({
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  registry: z.string(),
  repository: z.string(),
  tag: z.string(),
  commitSha: z.string(),
  codePath: z.string(),
  dockerfile: z.string(),
  buildId: z.string(),
  builtAt: z.string(),
});

const buildRecordSchema = z.object({
  buildId: z.string(),
  state: z.enum(['succeeded', 'failed']),
  digest: z.string().optional(),
  error: z.string().optional(),
  registry: z.string(),
  repository: z.string(),
  tag: z.string(),
  commitSha: z.string(),
  finishedAt: z.string(),
});
type BuildRecord = z.infer<typeof buildRecordSchema>;

type BuildRequest = Parameters<ImageBuilder['startBuild']>[0];

/** The deterministic build id of a run's image build: a retried start finds the build it recorded. */
export const localBuildId = (runId: string): string => `local-${runId}`;

/** A registry host (`mlcycle.azurecr.io`, `localhost:5000`) as one directory name. */
function registryDir(registry: string): string {
  const name = encodeURIComponent(registry.toLowerCase());
  if (name === '' || name === '.' || name === '..' || name.startsWith('_')) throw new AppError('VALIDATION', `'${registry.slice(0, 100)}' is not a registry name`);
  return name;
}

/** Write a file whole or not at all (a reader never sees half a record). */
async function writeAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, content, { mode: 0o644 });
  await rename(tmp, path);
}

async function readJson<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S> | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppError('TRANSIENT', `The local image registry could not be read (${(e as NodeJS.ErrnoException).code ?? 'I/O error'})`, { cause: e });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError('PERMANENT', `The local image registry holds a damaged record: ${path}`);
  return parsed.data;
}

/** `ImageRegistry` + `ImageBuilder` for `IMAGE_MODE=local` (see the file comment). */
export class LocalImageStore implements ImageRegistry, ImageBuilder {
  private readonly root: string;

  constructor(
    registryRoot: string,
    private readonly sources: LocalGitSource,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.root = resolve(registryRoot);
  }

  async findTag(registry: string, repository: string, tag: string): Promise<{ digest: string } | null> {
    const record = await readJson(this.tagPath(registry, repository, tag), tagRecordSchema);
    return record ? { digest: record.digest } : null;
  }

  async startBuild(req: BuildRequest): Promise<{ buildId: string; finished: boolean }> {
    const buildId = localBuildId(req.runId);
    if (!buildIdPattern.test(buildId)) throw new AppError('VALIDATION', `Run id '${req.runId.slice(0, 80)}' cannot name a build`);
    // Local builds run to the end inside this call: the caller can check the result at once.
    if (await readJson(this.buildPath(buildId), buildRecordSchema)) return { buildId, finished: true };
    if (req.source.kind !== 'localGit') throw new AppError('CONFIG', 'IMAGE_MODE=local builds images from localGit sources only; use IMAGE_MODE=acr for Azure Repos');
    const repoDir = this.sources.dir(req.source);
    const base: Omit<BuildRecord, 'state' | 'finishedAt'> = { buildId, registry: req.registry, repository: req.repository, tag: req.tag, commitSha: req.commitSha };
    let record: BuildRecord;
    try {
      const digest = await this.digestOf(repoDir, req.commitSha, req.codePath, req.dockerfile);
      await writeAtomic(
        this.tagPath(req.registry, req.repository, req.tag),
        JSON.stringify({ digest, registry: req.registry, repository: req.repository, tag: req.tag, commitSha: req.commitSha, codePath: req.codePath, dockerfile: req.dockerfile, buildId, builtAt: this.now().toISOString() }, null, 2),
      );
      record = { ...base, state: 'succeeded', digest, finishedAt: this.now().toISOString() };
    } catch (e) {
      // What the commit lacks will not appear on a retry: record the failed build. Anything else may pass later.
      if (!(e instanceof AppError) || e.code !== 'PERMANENT') throw e;
      record = { ...base, state: 'failed', error: e.message, finishedAt: this.now().toISOString() };
    }
    await writeAtomic(this.buildPath(buildId), JSON.stringify(record, null, 2));
    return { buildId, finished: true };
  }

  async getBuild(buildId: string): Promise<{ state: BuildState; digest?: string; error?: string; url?: string }> {
    if (!buildIdPattern.test(buildId)) throw new AppError('VALIDATION', `'${buildId.slice(0, 80)}' is not a local build id`);
    const record = await readJson(this.buildPath(buildId), buildRecordSchema);
    if (!record) throw new AppError('PERMANENT', `The local image registry has no build '${buildId}'`);
    return { state: record.state, ...(record.digest !== undefined ? { digest: record.digest } : {}), ...(record.error !== undefined ? { error: record.error } : {}) };
  }

  /** sha256 of `git archive` of the code folder and the Dockerfile at the commit. */
  private async digestOf(repoDir: string, commitSha: string, codePath: string, dockerfile: string): Promise<string> {
    try {
      await git(repoDir, ['cat-file', '-e', `${commitSha}^{commit}`]);
    } catch (e) {
      if (e instanceof GitCommandError) throw new AppError('PERMANENT', `Cannot build ${commitSha.slice(0, 12)}: the commit is not in the source repository`);
      throw e;
    }
    for (const [what, path] of [['code folder', codePath], ['Dockerfile', dockerfile]] as const) {
      try {
        await git(repoDir, ['cat-file', '-e', `${commitSha}:${path === '.' ? '' : path.replace(/^\.\//, '')}`]);
      } catch (e) {
        if (e instanceof GitCommandError) throw new AppError('PERMANENT', `Cannot build ${commitSha.slice(0, 12)}: the ${what} '${path}' does not exist at that commit`);
        throw e;
      }
    }
    const hash = createHash('sha256');
    try {
      await gitStream(repoDir, ['archive', '--format=tar', commitSha, '--', codePath, dockerfile], (chunk) => hash.update(chunk));
    } catch (e) {
      if (e instanceof GitCommandError) throw new AppError('PERMANENT', `Cannot build ${commitSha.slice(0, 12)}: ${e.message}`);
      throw new AppError('TRANSIENT', `git archive failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    return `sha256:${hash.digest('hex')}`;
  }

  private tagPath(registry: string, repository: string, tag: string): string {
    if (!repositoryPattern.test(repository)) throw new AppError('VALIDATION', `'${repository.slice(0, 100)}' is not an OCI repository name`);
    if (!tagPattern.test(tag)) throw new AppError('VALIDATION', `'${tag.slice(0, 130)}' is not an OCI tag`);
    return join(this.root, registryDir(registry), ...repository.split('/'), '_tags', `${tag}.json`);
  }

  private buildPath(buildId: string): string {
    return join(this.root, '_builds', `${buildId}.json`);
  }
}
