import type { Source } from '../../domain/pipeline.js';
import type { CommitComparison, GitObject, SourceRepository } from '../../ports/external-systems.js';

/** One `SourceRepository` per kind of source. */
export type SourcesByKind = { [K in Source['kind']]: SourceRepository };

/** The source port the app uses: dispatches each call on the pipeline's `source.kind`. */
export class SourceRouter implements SourceRepository {
  constructor(private readonly byKind: SourcesByKind) {}

  resolveCommit(source: Source, ref?: string): Promise<string> {
    return this.byKind[source.kind].resolveCommit(source, ref);
  }

  readFile(source: Source, commitSha: string, path: string): Promise<string | null> {
    return this.byKind[source.kind].readFile(source, commitSha, path);
  }

  compareCommits(source: Source, baseSha: string, targetSha: string): Promise<CommitComparison> {
    return this.byKind[source.kind].compareCommits(source, baseSha, targetSha);
  }

  repositoryId(source: Source): Promise<string | null> {
    return this.byKind[source.kind].repositoryId(source);
  }

  objectId(source: Source, commitSha: string, path: string): Promise<GitObject | null> {
    return this.byKind[source.kind].objectId(source, commitSha, path);
  }
}
