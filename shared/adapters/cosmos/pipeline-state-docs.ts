import { lifecycleRecordSchema, pipelineStateSchema, type LifecycleRecord, type PipelineState } from '../../domain/pipeline-state.js';

/*
 * How pipeline states and lifecycle records are laid out as documents, in Cosmos DB and in the local store alike: in
 * the pipeline's partition, the state is the document `state` and each lifecycle record `rec~<record id>` beside it.
 */

/** The state document's id. */
export const stateId = 'state';

/** A lifecycle record's document id. */
export const recordDocId = (id: string): string => `rec~${id}`;

/** The document fields that are storage detail, not domain. */
function withoutStorageKeys(doc: Record<string, unknown>): Record<string, unknown> {
  const { docType: _t, recordId, ...rest } = doc;
  return recordId === undefined ? rest : { ...rest, id: recordId };
}

/** A state document as the domain's pipeline state. */
export const parseState = (d: Record<string, unknown>): PipelineState => pipelineStateSchema.parse(withoutStorageKeys(d));

/** A record document as the domain's lifecycle record. */
export const parseRecord = (d: Record<string, unknown>): LifecycleRecord => lifecycleRecordSchema.parse(withoutStorageKeys(d));
