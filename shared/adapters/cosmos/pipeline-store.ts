import type { Container } from '@azure/cosmos';
import { pipelineSchema, type Pipeline } from '../../domain/pipeline.js';
import { azureRepoKey, maxPipelinesPerRepository, type Page, type PipelineStore } from '../../ports/pipeline-store.js';
import type { CosmosContainers } from './cosmos-client.js';
import { cosmosStatus, fromCosmosError } from './cosmos-errors.js';
import { fromDocument, toDocument } from './documents.js';
import { pagedQuery } from './paged-query.js';
import { pointRead } from './point-read.js';

/** Pipelines in the `pipelines` container (partition key `/id`), with ETag concurrency. */
export class CosmosPipelineStore implements PipelineStore {
  constructor(private readonly containers: CosmosContainers) {}

  private container(): Promise<Container> {
    return this.containers.container('pipelines');
  }

  async get(id: string): Promise<Pipeline | null> {
    return pointRead(this.container(), id, id, (d) => pipelineSchema.parse(d), `Pipeline '${id}'`);
  }

  async put(pipeline: Pipeline, opts: { ifMatch?: string | undefined; ifNoneMatch?: '*' | undefined } = {}): Promise<Pipeline> {
    const c = await this.container();
    // The repository key is stored beside the pipeline so a service hook finds its pipelines by an indexed equality.
    const doc = { ...toDocument(pipeline), ...(pipeline.source.kind === 'azureRepos' ? { repoKey: azureRepoKey(pipeline.source.project, pipeline.source.repository) } : {}) };
    try {
      if (opts.ifNoneMatch === '*') {
        const { resource } = await c.items.create(doc);
        return pipelineSchema.parse(fromDocument(resource));
      }
      if (opts.ifMatch !== undefined) {
        const { resource } = await c.item(pipeline.id, pipeline.id).replace(doc, { accessCondition: { type: 'IfMatch', condition: opts.ifMatch } });
        return pipelineSchema.parse(fromDocument(resource));
      }
      const { resource } = await c.items.upsert(doc);
      return pipelineSchema.parse(fromDocument(resource));
    } catch (e) {
      // If-Match on a missing document is a failed precondition in HTTP terms, not a 404.
      if (opts.ifMatch !== undefined && cosmosStatus(e) === 404) throw fromCosmosError({ code: 412 }, `Pipeline '${pipeline.id}'`);
      if (opts.ifNoneMatch === '*' && cosmosStatus(e) === 409) throw fromCosmosError({ code: 412 }, `Pipeline '${pipeline.id}'`);
      throw fromCosmosError(e, `Pipeline '${pipeline.id}'`);
    }
  }

  async delete(id: string, opts: { ifMatch?: string | undefined } = {}): Promise<boolean> {
    try {
      await (await this.container())
        .item(id, id)
        .delete(opts.ifMatch !== undefined ? { accessCondition: { type: 'IfMatch', condition: opts.ifMatch } } : {});
      return true;
    } catch (e) {
      if (cosmosStatus(e) === 404) {
        if (opts.ifMatch !== undefined) throw fromCosmosError({ code: 412 }, `Pipeline '${id}'`);
        return false;
      }
      throw fromCosmosError(e, `Pipeline '${id}'`);
    }
  }

  async list(opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<Pipeline>> {
    return pagedQuery(await this.container(), this.containers.tokens, { query: 'SELECT * FROM c ORDER BY c.id' }, opts, (d) => pipelineSchema.parse(d), 'Pipelines');
  }

  async findByAzureRepo(project: string, repository: string): Promise<Pipeline[]> {
    try {
      const { resources } = await (await this.container()).items
        .query<Record<string, unknown>>(
          { query: 'SELECT TOP @n * FROM c WHERE c.repoKey = @k', parameters: [{ name: '@n', value: maxPipelinesPerRepository }, { name: '@k', value: azureRepoKey(project, repository) }] },
          { maxItemCount: maxPipelinesPerRepository },
        )
        .fetchAll();
      return resources.map((d) => pipelineSchema.parse(fromDocument(d)));
    } catch (e) {
      throw fromCosmosError(e, 'Pipelines');
    }
  }
}
