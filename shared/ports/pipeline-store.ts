import type { Pipeline } from '../domain/pipeline.js';

/** A page of results and the opaque token for the next page (absent on the last page). */
export interface Page<T> {
  items: T[];
  continuationToken?: string | undefined;
}

/** Persistence of pipeline registrations. `put` with `ifMatch` fails with PRECONDITION_FAILED on a stale etag. */
export interface PipelineStore {
  get(id: string): Promise<Pipeline | null>;
  /** Create or replace; returns the stored document with its new etag. `ifMatch` = etag the caller last saw. */
  put(pipeline: Pipeline, opts?: { ifMatch?: string | undefined; ifNoneMatch?: '*' | undefined }): Promise<Pipeline>;
  delete(id: string, opts?: { ifMatch?: string | undefined }): Promise<boolean>;
  list(opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<Pipeline>>;
  /**
   * Pipelines whose source is the Azure Repos repository `repository` of project `project`, in any organization
   * (names compared without case, as Azure DevOps compares them); at most `maxPipelinesPerRepository`.
   */
  findByAzureRepo(project: string, repository: string): Promise<Pipeline[]>;
}

/** How many pipelines one repository's events are matched against. */
export const maxPipelinesPerRepository = 200;

/** The key an Azure Repos source is found by (`project/repository`, lower case). */
export function azureRepoKey(project: string, repository: string): string {
  return `${project}/${repository}`.toLowerCase();
}
