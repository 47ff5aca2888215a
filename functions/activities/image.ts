import type { z } from '../../shared/domain/zod.js';
import type { Services } from '../../shared/app/services.js';
import { AppError } from '../../shared/domain/errors.js';
import { contentImageTag } from '../../shared/domain/image-tag.js';
import type { Pipeline } from '../../shared/domain/pipeline.js';
import type { Run } from '../../shared/domain/run.js';
import type { ensureImage, pollImageBuild, startImageBuild } from './contracts.js';
import { completeStep, inStep, loadRun, snapshotOf, updateRun } from '../../shared/use-cases/run-record.js';
import { ensurePinnedImage } from './reproduction.js';

/**
 * The content tag of the image a run needs: the Git ids of the training folder and the Dockerfile at the commit
 * (`contentImageTag`). A path missing at the commit fails the step with the path named.
 */
export async function imageTagAt(source: Services['source'], p: Omit<Pipeline, 'etag'>, commitSha: string): Promise<string> {
  const [code, dockerfile] = await Promise.all([source.objectId(p.source, commitSha, p.training.codePath), source.objectId(p.source, commitSha, p.training.dockerfile)]);
  const at = `at commit ${commitSha.slice(0, 12)}`;
  if (code?.type !== 'tree') throw new AppError('PERMANENT', `The training folder '${p.training.codePath}' does not exist ${at}: fix training.codePath or the repository`);
  if (dockerfile?.type !== 'blob') throw new AppError('PERMANENT', `The Dockerfile '${p.training.dockerfile}' does not exist ${at}: fix training.dockerfile or the repository`);
  return contentImageTag({ codePath: p.training.codePath, codeTreeId: code.id, dockerfile: p.training.dockerfile, dockerfileBlobId: dockerfile.id });
}

/** Step 3: look the content tag up in the registry (the same code is built once, whatever commit carries it); found means the step is done, otherwise the build starts next. */
export function ensureImageActivity(services: Pick<Services, 'runs' | 'now' | 'tracing' | 'registry' | 'source'>) {
  return (input: z.output<typeof ensureImage.input>): Promise<z.input<typeof ensureImage.output>> =>
    inStep(services, input.runId, 'ensureImage', async (run) => {
      if (run.kind === 'reproduction') return ensurePinnedImage(services, run);
      const p = snapshotOf(run);
      const tag = await imageTagAt(services.source, p, input.commitSha);
      const found = await services.registry.findTag(p.image.registry, p.image.repository, tag);
      if (found) {
        await completeStep(services, run, 'ensureImage', { tag, digest: found.digest }, (r) => ({
          ...r,
          lineage: { ...r.lineage, image: { registry: p.image.registry, repository: p.image.repository, tag, digest: found.digest, built: false } },
        }));
        return { tag, digest: found.digest };
      }
      await updateRun(services, run, (r) => ({ ...r, lineage: { ...r.lineage, image: { registry: p.image.registry, repository: p.image.repository, tag, built: true } } }));
      return { tag };
    });
}

/**
 * Start the image build (the builder finds an earlier build of this run by run id, so a retry starts none). A builder
 * that finished while starting is checked here, sparing the orchestration a poll.
 */
export function startImageBuildActivity(services: Pick<Services, 'runs' | 'now' | 'builder' | 'registry'>) {
  return async (input: z.output<typeof startImageBuild.input>): Promise<z.input<typeof startImageBuild.output>> => {
    const run = await loadRun(services, input.runId);
    if (run.status === 'cancelled') throw new AppError('PERMANENT', `Run '${input.runId}' was cancelled`);
    const p = snapshotOf(run);
    const commitSha = run.lineage.commitSha;
    if (!commitSha) throw new AppError('INTERNAL', `Run '${input.runId}' has no commit to build`);
    const { buildId, finished } = await services.builder.startBuild({
      runId: run.id,
      ...(p.image.buildPipelineId !== undefined ? { buildPipelineId: p.image.buildPipelineId } : {}),
      source: p.source,
      commitSha,
      registry: p.image.registry,
      repository: p.image.repository,
      tag: input.tag,
      dockerfile: p.training.dockerfile,
      codePath: p.training.codePath,
    });
    const after = await updateRun(services, run, (r) => ({
      ...r,
      lineage: { ...r.lineage, image: { registry: p.image.registry, repository: p.image.repository, tag: input.tag, buildId, built: true } },
    }));
    if (finished !== true) return { buildId };
    return { buildId, finished: true, report: await checkBuild(services, after, buildId, input.tag) };
  };
}

/** Check the build; on success take the digest from the registry (the source of truth) and complete step 3. */
export function pollImageBuildActivity(services: Pick<Services, 'runs' | 'now' | 'builder' | 'registry'>) {
  return async (input: z.output<typeof pollImageBuild.input>): Promise<z.input<typeof pollImageBuild.output>> =>
    checkBuild(services, await loadRun(services, input.runId), input.buildId, input.tag);
}

/** Ask the builder how the build is doing; on success take the digest from the registry and complete step 3. */
async function checkBuild(services: Pick<Services, 'runs' | 'now' | 'builder' | 'registry'>, run: Run, buildId: string, tag: string): Promise<z.input<typeof pollImageBuild.output>> {
  const p = snapshotOf(run);
  const build = await services.builder.getBuild(buildId, p.source);
  if (build.state === 'running') return { state: 'running' };
  if (build.state !== 'succeeded') return { state: build.state, error: build.error ?? `image build ${buildId} ${build.state}` };
  const found = await services.registry.findTag(p.image.registry, p.image.repository, tag);
  if (!found) throw new AppError('PERMANENT', `Build ${buildId} succeeded but ${p.image.repository}:${tag} is not in ${p.image.registry}`);
  await completeStep(services, run, 'ensureImage', { tag, digest: found.digest, buildId }, (r) => ({
    ...r,
    lineage: { ...r.lineage, image: { registry: p.image.registry, repository: p.image.repository, tag, digest: found.digest, buildId, ...(build.url !== undefined ? { buildUrl: build.url } : {}), built: true } },
  }));
  return { state: 'succeeded', digest: found.digest };
}
