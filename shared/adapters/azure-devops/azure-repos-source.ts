import type { IncomingMessage } from 'node:http';
import type { GitChange, GitObjectType, GitVersionDescriptor, GitVersionType } from 'azure-devops-node-api/interfaces/GitInterfaces.js';
import { AppError } from '../../domain/errors.js';
import { gitRefProblem } from '../../domain/git-ref.js';
import type { Source } from '../../domain/pipeline.js';
import type { CommitComparison, GitObject, SourceRepository } from '../../ports/external-systems.js';
import type { AdoConnection } from './ado-connection.js';
import { adoItemPath, assertAdoName, assertCommitId } from './ado-names.js';

type ReposSource = Extract<Source, { kind: 'azureRepos' }>;

// The client's enums are numeric on the wire it sends (GitInterfaces: GitVersionType, GitObjectType).
const commitVersion = 2 as GitVersionType;
const treeType = 2 as GitObjectType;
const blobType = 3 as GitObjectType;
/** How long a repository's id is trusted before it is read again. */
const repositoryIdTtlMs = 10 * 60_000;


/** Read a stream to text. */
async function textOf(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks).toString('utf8');
}

/** The `typeKey` of an Azure DevOps error body (e.g. `GitItemNotFoundException`), or ''. */
function typeKeyOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { typeKey?: unknown };
    return typeof parsed.typeKey === 'string' ? parsed.typeKey : '';
  } catch {
    return '';
  }
}

/** True when a JSON body is a folder's `GitItem`. */
function isFolderItem(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { isFolder?: unknown; gitObjectType?: unknown };
    return parsed.isFolder === true || parsed.gitObjectType === 'tree';
  } catch {
    return false;
  }
}

/**
 * `SourceRepository` for `source.kind === 'azureRepos'`, over the Git REST API (`azure-devops-node-api`). Mind the
 * client: JSON calls resolve `null` on 404, and `getItemText` resolves the raw response whatever its status.
 */
export class AzureReposSource implements SourceRepository {
  private readonly repositoryIds = new Map<string, { id: string | null; until: number }>();
  /** `diffPageSize`: changes asked for per page of a commit diff (default 1000). */
  constructor(
    private readonly ado: AdoConnection,
    private readonly opts: { diffPageSize?: number } = {},
  ) {}

  async resolveCommit(source: Source, ref?: string): Promise<string> {
    const s = this.repos(source);
    const name = ref ?? s.branch;
    const problem = gitRefProblem(name);
    if (problem) throw new AppError('VALIDATION', `'${name.slice(0, 80)}' is not a valid git ref: ${problem}`, { issues: [{ field: 'ref', message: problem }] });
    if (/^[0-9a-f]{40}$/.test(name)) {
      await this.requireCommit(s, name);
      return name;
    }
    const full = name.startsWith('refs/') ? [name] : [`refs/heads/${name}`, `refs/tags/${name}`];
    for (const refName of full) {
      const refs = await this.ado.call(s.organization, `listing refs of ${this.label(s)}`, (a) =>
        a.git.getRefs(s.repository, s.project, refName.slice('refs/'.length), undefined, undefined, undefined, undefined, true),
      );
      if (refs === null) throw this.repoMissing(s);
      const found = refs.find((r) => r.name === refName);
      // An annotated tag points at a tag object: the peeled id is the commit.
      const sha = found?.peeledObjectId ?? found?.objectId;
      if (sha !== undefined && /^[0-9a-f]{40}$/.test(sha)) return sha;
    }
    const hint = /^[0-9a-fA-F]{7,39}$/.test(name) ? ' (Azure Repos needs a full 40-character commit id)' : '';
    throw new AppError('PERMANENT', `The ref '${name}' does not exist in ${this.label(s)}${hint}`, { details: { ref: name } });
  }

  async readFile(source: Source, commitSha: string, path: string): Promise<string | null> {
    const s = this.repos(source);
    assertCommitId(commitSha);
    const itemPath = adoItemPath(path);
    if (itemPath === '/') return null;
    const what = `reading ${itemPath} at ${commitSha.slice(0, 12)} in ${this.label(s)}`;
    const { status, type, body } = await this.ado.call(s.organization, what, async (a) => {
      const res = (await a.git.getItemText(s.repository, itemPath, s.project, undefined, undefined, undefined, undefined, undefined, this.at(commitSha))) as IncomingMessage;
      return { status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body: await textOf(res) };
    });
    // A folder answers with its metadata instead of content: no file is there.
    if (status === 200) return type.startsWith('application/json') && isFolderItem(body) ? null : body;
    if (status === 404) {
      const key = typeKeyOf(body);
      if (key === 'GitItemNotFoundException') {
        // A folder at that path is no file either; a missing commit is an error of its own.
        return null;
      }
      if (key === 'GitRepositoryNotFoundException') throw this.repoMissing(s);
      await this.requireCommit(s, commitSha);
      return null;
    }
    throw Object.assign(new Error(`HTTP ${status}`), { statusCode: status });
  }

  async compareCommits(source: Source, baseSha: string, targetSha: string): Promise<CommitComparison> {
    const s = this.repos(source);
    assertCommitId(baseSha);
    assertCommitId(targetSha);
    const paths = new Set<string>();
    let behind = 0;
    for (let skip = 0; ; ) {
      const page = await this.ado.call(s.organization, `diffing ${baseSha.slice(0, 12)}..${targetSha.slice(0, 12)} in ${this.label(s)}`, (a) =>
        // The client sends the descriptors' `version`/`versionType` as `baseVersion…`/`targetVersion…`.
        a.git.getCommitDiffs(s.repository, s.project, false, this.opts.diffPageSize ?? 1000, skip, this.at(baseSha), this.at(targetSha)),
      );
      if (page === null) {
        await this.requireCommit(s, baseSha);
        await this.requireCommit(s, targetSha);
        throw this.repoMissing(s);
      }
      if (skip === 0) behind = page.behindCount ?? 0;
      const changes: GitChange[] = page.changes ?? [];
      for (const c of changes) {
        if (c.item?.isFolder === true || c.item?.gitObjectType === treeType) continue;
        for (const p of [c.item?.path, c.sourceServerItem]) if (p) paths.add(p.replace(/^\//, ''));
      }
      if (page.allChangesIncluded !== false || changes.length === 0) break;
      skip += changes.length;
    }
    return { paths: [...paths], behind };
  }

  async repositoryId(source: Source): Promise<string | null> {
    const s = this.repos(source);
    const key = `${s.organization}/${s.project}/${s.repository}`.toLowerCase();
    const cached = this.repositoryIds.get(key);
    if (cached && cached.until > Date.now()) return cached.id;
    const repo = await this.ado.call(s.organization, `reading repository ${this.label(s)}`, (a) => a.git.getRepository(s.repository, s.project));
    const id = typeof repo?.id === 'string' ? repo.id.toLowerCase() : null;
    // Ids never change for a repository; a name may come to mean another one (deleted and re-created), hence the expiry.
    this.repositoryIds.set(key, { id, until: Date.now() + repositoryIdTtlMs });
    return id;
  }

  async objectId(source: Source, commitSha: string, path: string): Promise<GitObject | null> {
    const s = this.repos(source);
    assertCommitId(commitSha);
    const itemPath = adoItemPath(path);
    const item = await this.ado.call(s.organization, `looking up ${itemPath} at ${commitSha.slice(0, 12)} in ${this.label(s)}`, (a) =>
      a.git.getItem(s.repository, itemPath, s.project, undefined, undefined, undefined, undefined, undefined, this.at(commitSha)),
    );
    if (item === null) {
      // 404 means a missing path, a missing commit or a missing repository: only the first is an answer.
      await this.requireCommit(s, commitSha);
      return null;
    }
    const id = item.objectId ?? '';
    if (!/^[0-9a-f]{40}$/.test(id)) throw new AppError('PERMANENT', `Azure DevOps gave no object id for ${itemPath} at ${commitSha.slice(0, 12)}`);
    if (item.isFolder === true || item.gitObjectType === treeType) return { type: 'tree', id };
    // A submodule (commit) entry is neither the folder nor the file a caller asks about.
    return item.gitObjectType === blobType || item.gitObjectType === undefined ? { type: 'blob', id } : null;
  }

  private at(commitSha: string): GitVersionDescriptor {
    return { version: commitSha, versionType: commitVersion };
  }

  /** Fail with the commit named when it is not in the repository (or the repository is missing). */
  private async requireCommit(s: ReposSource, sha: string): Promise<void> {
    let commit: unknown;
    try {
      commit = await this.ado.call(s.organization, `reading commit ${sha.slice(0, 12)} in ${this.label(s)}`, (a) => a.git.getCommit(sha, s.repository, s.project));
    } catch (e) {
      // The service answers 400 or 404 for an id it cannot resolve, depending on the version.
      if (!(e instanceof AppError && e.details.status === 400)) throw e;
      commit = null;
    }
    if (commit === null) {
      throw new AppError('PERMANENT', `Commit ${sha.slice(0, 12)} is not in ${this.label(s)} (was it pushed to this repository?)`, { details: { commit: sha } });
    }
  }

  private repoMissing(s: ReposSource): AppError {
    return new AppError('PERMANENT', `The repository ${this.label(s)} does not exist, or the credentials cannot see it`);
  }

  private label(s: ReposSource): string {
    return `${s.organization}/${s.project}/${s.repository}`;
  }

  private repos(source: Source): ReposSource {
    if (source.kind !== 'azureRepos') throw new AppError('INTERNAL', `AzureReposSource got a '${source.kind}' source`);
    assertAdoName('organization', source.organization);
    assertAdoName('project', source.project);
    assertAdoName('repository', source.repository);
    return source;
  }
}
