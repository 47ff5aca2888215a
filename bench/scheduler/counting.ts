import { createHash } from 'node:crypto';
import type { Source } from '../../shared/domain/pipeline.js';
import type { SourceRepository } from '../../shared/ports/external-systems.js';

/** Store methods that run a query (not a point read or write). */
const queryMethods = new Set(['due', 'list', 'listRecords', 'find', 'findByLineage']);

/** Wrap a store so that every query method call is counted (by name) in `counts`. */
export function countingStore<T extends object>(store: T, counts: Map<string, number>, label: string): T {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string' || !queryMethods.has(prop)) return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      return (...args: unknown[]) => {
        counts.set(`${label}.${prop}`, (counts.get(`${label}.${prop}`) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
export const headOf = (path: string, variant: string): string => createHash('sha1').update(`${path}@${variant}`).digest('hex');
/** The `.dvc` file of data `variant`: one tracked directory whose manifest md5 depends on the variant. */
export const dvcFileOf = (variant: string): string => `outs:\n- md5: ${md5(variant)}.dir\n  size: 24\n  nfiles: 2\n  hash: md5\n  path: data\n`;

/** A source whose branch heads hold data `v1`, or `v2` for the paths in `changed`; counts its calls. */
export class CountingSource implements SourceRepository {
  resolves = 0;
  fileReads = 0;

  constructor(private readonly changed: Set<string>) {}

  private variantOf(source: Source): string {
    return source.kind === 'localGit' && this.changed.has(source.path) ? 'v2' : 'v1';
  }

  async resolveCommit(source: Source): Promise<string> {
    this.resolves++;
    return headOf(source.kind === 'localGit' ? source.path : source.repository, this.variantOf(source));
  }

  async readFile(source: Source, commitSha: string): Promise<string | null> {
    this.fileReads++;
    const path = source.kind === 'localGit' ? source.path : source.repository;
    return commitSha === headOf(path, 'v2') ? dvcFileOf('v2') : dvcFileOf('v1');
  }

  compareCommits(): never {
    throw new Error('not used by the scheduler');
  }

  repositoryId(): never {
    throw new Error('not used by the scheduler');
  }

  objectId(): never {
    throw new Error('not used by the scheduler');
  }
}
