import type { Source } from '../../domain/pipeline.js';
import type { GitObject, SourceRepository } from '../../ports/external-systems.js';

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

  changedPaths(source: Source, fromSha: string, toSha: string): Promise<string[]> {
    return this.byKind[source.kind].changedPaths(source, fromSha, toSha);
  }

  objectId(source: Source, commitSha: string, path: string): Promise<GitObject | null> {
    return this.byKind[source.kind].objectId(source, commitSha, path);
  }
}
