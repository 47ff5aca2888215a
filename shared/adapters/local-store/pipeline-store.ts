import { errors } from '../../domain/errors.js';
import { pipelineSchema, type Pipeline } from '../../domain/pipeline.js';
import { azureRepoKey, maxPipelinesPerRepository, type Page, type PipelineStore } from '../../ports/pipeline-store.js';
import type { ContinuationCodec } from '../cosmos/documents.js';
import type { LocalCollection } from './local-db.js';
import { byField, fromStored, pageOf, toStored } from './local-docs.js';

const stale = (id: string) => errors.preconditionFailed(`Pipeline '${id}' was changed by someone else; read it again and retry with its new ETag.`);

/** Pipelines in the local store (partition key = id), with the same ETag rules as the Cosmos adapter. */
export class LocalPipelineStore implements PipelineStore {
  constructor(
    private readonly docs: LocalCollection,
    private readonly tokens: ContinuationCodec,
  ) {}

  async get(id: string): Promise<Pipeline | null> {
    const doc = await this.docs.read(id, id);
    return doc ? pipelineSchema.parse(fromStored(doc)) : null;
  }

  async put(pipeline: Pipeline, opts: { ifMatch?: string | undefined; ifNoneMatch?: '*' | undefined } = {}): Promise<Pipeline> {
    // The repository key is kept beside the pipeline, as in Cosmos, so a service hook finds its pipelines by equality.
    const doc = { ...toStored(pipeline), ...(pipeline.source.kind === 'azureRepos' ? { repoKey: azureRepoKey(pipeline.source.project, pipeline.source.repository) } : {}) };
    const { after, before } = await this.docs.change(pipeline.id, pipeline.id, (current) => {
      if (opts.ifNoneMatch === '*' && current) return undefined;
      if (opts.ifMatch !== undefined && current?._etag !== opts.ifMatch) return undefined;
      return { put: doc };
    });
    if (!after || after === before) throw stale(pipeline.id);
    return pipelineSchema.parse(fromStored(after));
  }

  async delete(id: string, opts: { ifMatch?: string | undefined } = {}): Promise<boolean> {
    const { before, after } = await this.docs.change(id, id, (current) => {
      if (!current || (opts.ifMatch !== undefined && current._etag !== opts.ifMatch)) return undefined;
      return { remove: true };
    });
    if (opts.ifMatch !== undefined && (!before || after)) throw stale(id);
    return before !== undefined && after === undefined;
  }

  async list(opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<Pipeline>> {
    const all = (await this.docs.scan()).sort(byField('id', 'asc'));
    return pageOf(all, opts, this.tokens, 'pipelines', (d) => pipelineSchema.parse(d));
  }

  async findByAzureRepo(project: string, repository: string): Promise<Pipeline[]> {
    const key = azureRepoKey(project, repository);
    const found = (await this.docs.scan()).filter((d) => d.repoKey === key).slice(0, maxPipelinesPerRepository);
    return found.map((d) => pipelineSchema.parse(fromStored(d)));
  }
}
