import type { z } from '../zod.js';
import { AppError } from '../errors.js';
import { toFieldIssues } from '../zod-issues.js';
import type { AdoHookEvent, HookRepo } from './event.js';
import type { hookRepositorySchema} from './envelope.js';
import { buildResourceSchema, pipelineRunResourceSchema, pullRequestResourceSchema, pushResourceSchema, type HookEnvelope } from './envelope.js';

/** The event types mlcycle acts on; any other is recorded as ignored. */
export const handledEventTypes = [
  'git.push',
  'git.pullrequest.created',
  'git.pullrequest.updated',
  'git.pullrequest.merged',
  'ms.vss-pipelines.run-state-changed-event',
  'build.complete',
] as const;

/** At most this many branch updates of one push are acted on (a push of more is almost always tags or a mirror). */
const maxRefUpdates = 100;
const headsPrefix = 'refs/heads/';

/** The delivery's event, or why it is ignored; a resource that breaks its schema is a VALIDATION error naming the field. */
export function normalizeHook(envelope: HookEnvelope): { event: AdoHookEvent } | { ignored: string } {
  const type = envelope.eventType;
  if (!(handledEventTypes as readonly string[]).includes(type)) return { ignored: `event type '${type}' is not one mlcycle acts on` };
  if (type === 'git.push') {
    const r = parseResource(pushResourceSchema, envelope.resource);
    const refUpdates = r.refUpdates
      .filter((u) => u.name.startsWith(headsPrefix))
      .slice(0, maxRefUpdates)
      .map((u) => ({ branch: u.name.slice(headsPrefix.length), oldObjectId: u.oldObjectId, newObjectId: u.newObjectId }));
    if (refUpdates.length === 0) return { ignored: 'the push moved no branch' };
    const by = r.pushedBy?.uniqueName ?? r.pushedBy?.displayName;
    return { event: { type: 'push', repository: repo(r.repository), refUpdates, ...(by ? { pushedBy: by } : {}) } };
  }
  if (type.startsWith('git.pullrequest.')) {
    const r = parseResource(pullRequestResourceSchema, envelope.resource);
    const by = r.createdBy?.uniqueName;
    return {
      event: {
        type: 'pull-request',
        eventType: type,
        repository: repo(r.repository),
        pullRequestId: r.pullRequestId,
        status: r.status,
        sourceBranch: r.sourceRefName,
        targetBranch: r.targetRefName.startsWith(headsPrefix) ? r.targetRefName.slice(headsPrefix.length) : r.targetRefName,
        ...(r.mergeStatus !== undefined ? { mergeStatus: r.mergeStatus } : {}),
        ...(r.lastMergeCommit ? { mergeCommit: r.lastMergeCommit.commitId } : {}),
        ...(r.lastMergeSourceCommit ? { sourceCommit: r.lastMergeSourceCommit.commitId } : {}),
        ...(r.lastMergeTargetCommit ? { targetCommit: r.lastMergeTargetCommit.commitId } : {}),
        fromFork: r.forkSource !== undefined && r.forkSource !== null,
        ...(by ? { createdBy: by } : {}),
      },
    };
  }
  if (type === 'build.complete') {
    const r = parseResource(buildResourceSchema, envelope.resource);
    return { event: { type: 'pipeline-run', adoPipelineId: r.definition.id, adoRunId: r.id, name: r.buildNumber, state: r.status ?? 'completed', ...(r.result ? { result: r.result } : {}) } };
  }
  const r = parseResource(pipelineRunResourceSchema, envelope.resource);
  const pipelineId = r.run.pipeline?.id ?? r.pipeline?.id;
  if (pipelineId === undefined) throw new AppError('VALIDATION', 'The pipeline run names no pipeline.', { issues: [{ field: 'resource.run.pipeline.id', message: 'is required' }] });
  return { event: { type: 'pipeline-run', adoPipelineId: pipelineId, adoRunId: r.run.id, name: r.run.name, state: r.run.state, ...(r.run.result ? { result: r.run.result } : {}) } };
}

function repo(r: z.output<typeof hookRepositorySchema>): HookRepo {
  return { id: r.id.toLowerCase(), name: r.name, projectId: r.project.id.toLowerCase(), projectName: r.project.name };
}

function parseResource<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('VALIDATION', 'The event\'s resource is not valid.', { issues: toFieldIssues(parsed.error, 'resource') });
  return parsed.data;
}
