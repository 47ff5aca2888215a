import type { Source } from '../../shared/domain/pipeline.js';
import { createHash } from 'node:crypto';
import type { CommitComparison, GitObject, SourceRepository } from '../../shared/ports/external-systems.js';
import { AppError } from '../../shared/domain/errors.js';
import { FaultPlan } from './faults.js';
import type { World } from './world.js';

const repoKey = (s: Source): string => (s.kind === 'localGit' ? `local:${s.path}` : `ado:${s.organization}/${s.project}/${s.repository}`);

/** The GUID the fake gives an Azure Repos repository. */
export function fakeRepositoryId(organization: string, project: string, repository: string): string {
  const h = createHash('sha256').update(`${organization}/${project}/${repository}`.toLowerCase()).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Git hosting in memory: branch heads and file contents per commit. */
export class FakeSourceRepository implements SourceRepository {
  readonly faults = new FaultPlan('source');
  /**
   * File keys by commit (`repo@sha:`), so reading one commit's tree does not scan every repository's files. Kept by
   * `commit()` from an empty world on; a world that already held files (a persisted one) is scanned as before.
   */
  private byCommit = new Map<string, Set<string>>();
  private indexed: Record<string, string> | undefined;

  constructor(private readonly world: World) {}

  /** Point `branch` of the source's repository at `sha`, with the given files at that commit. */
  commit(source: Source, branch: string, sha: string, files: Record<string, string>): void {
    const index = this.index();
    this.world.state.branches[`${repoKey(source)}#${branch}`] = sha;
    const prefix = `${repoKey(source)}@${sha}:`;
    for (const [path, text] of Object.entries(files)) {
      this.world.state.files[`${prefix}${path}`] = text;
      if (index) index.set(prefix, (index.get(prefix) ?? new Set()).add(`${prefix}${path}`));
    }
    this.world.changed();
  }

  /** The index, when it covers every file of the world (see `byCommit`). */
  private index(): Map<string, Set<string>> | undefined {
    const files = this.world.state.files;
    if (this.indexed === files) return this.byCommit;
    if (Object.keys(files).length > 0) return undefined;
    this.indexed = files;
    this.byCommit = new Map();
    return this.byCommit;
  }

  /** The files at one commit, as [key, text] sorted by key. */
  private filesAt(prefix: string): [string, string][] {
    const files = this.world.state.files;
    const keys = this.index() ? [...(this.byCommit.get(prefix) ?? [])] : Object.keys(files).filter((k) => k.startsWith(prefix));
    return keys.flatMap((k): [string, string][] => (files[k] === undefined ? [] : [[k, files[k]]])).sort(([a], [b]) => a.localeCompare(b));
  }

  async resolveCommit(source: Source, ref?: string): Promise<string> {
    await this.faults.enter('resolveCommit');
    const r = ref ?? source.branch;
    if (/^[0-9a-f]{40}$/.test(r)) return r;
    const sha = this.world.state.branches[`${repoKey(source)}#${r}`];
    if (!sha) throw new AppError('NOT_FOUND', `ref '${r}' not found`);
    return sha;
  }

  async readFile(source: Source, commitSha: string, path: string): Promise<string | null> {
    await this.faults.enter('readFile');
    return this.world.state.files[`${repoKey(source)}@${commitSha}:${path}`] ?? null;
  }

  /** Paths whose content differs between the two commits' seeded files; `behind` from `world.state.rewritten`. */
  async compareCommits(source: Source, baseSha: string, targetSha: string): Promise<CommitComparison> {
    await this.faults.enter('compareCommits');
    const files = (sha: string) => {
      const prefix = `${repoKey(source)}@${sha}:`;
      return new Map(this.filesAt(prefix).map(([k, v]) => [k.slice(prefix.length), v]));
    };
    const [a, b] = [files(baseSha), files(targetSha)];
    const paths = [...new Set([...a.keys(), ...b.keys()])].filter((p) => a.get(p) !== b.get(p)).sort();
    return { paths, behind: this.world.state.rewritten?.includes(`${baseSha}..${targetSha}`) ? 1 : 0 };
  }

  /** Azure Repos ids derive from the repository's names, as stable as the service's GUIDs. */
  async repositoryId(source: Source): Promise<string | null> {
    await this.faults.enter('repositoryId');
    if (source.kind !== 'azureRepos') return null;
    return fakeRepositoryId(source.organization, source.project, source.repository);
  }

  /** A file's id hashes its text; a folder's hashes the files under it, so files elsewhere leave it unchanged, as in git. */
  async objectId(source: Source, commitSha: string, path: string): Promise<GitObject | null> {
    await this.faults.enter('objectId');
    const prefix = `${repoKey(source)}@${commitSha}:`;
    const file = this.world.state.files[`${prefix}${path}`];
    if (file !== undefined) return { type: 'blob', id: createHash('sha1').update(`blob ${file}`).digest('hex') };
    const folder = path === '.' ? '' : `${path.replace(/\/+$/, '')}/`;
    const under = this.filesAt(prefix).filter(([k]) => k.startsWith(`${prefix}${folder}`));
    // A commit the fake knows nothing about still has a root tree: tests seed only the files they read.
    if (under.length === 0 && folder !== '') return null;
    const hash = createHash('sha1').update('tree');
    for (const [k, v] of under) hash.update(`\0${k.slice(prefix.length)}\0${v}`);
    return { type: 'tree', id: hash.digest('hex') };
  }
}
