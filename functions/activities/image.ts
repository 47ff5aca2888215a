import { createHash } from 'node:crypto';
import type { z } from '../../shared/domain/zod.js';
import type { Services } from '../../shared/app/services.js';
import { AppError } from '../../shared/domain/errors.js';
import type { ensureImage, pollImageBuild, startImageBuild } from './contracts.js';
import { completeStep, inStep, loadRun, snapshotOf, updateRun } from '../../shared/use-cases/run-record.js';

/**
 * The image tag for a commit: content-derived from the commit and the build recipe (code folder, Dockerfile), so the
 * same code is built once and every later run on it reuses the image.
 */
export function imageTag(commitSha: string, training: { codePath: string; dockerfile: string }): string {
  const recipe = createHash('sha256').update(`${training.codePath}\n${training.dockerfile}`).digest('hex').slice(0, 8);
  return `git-${commitSha.slice(0, 12)}-${recipe}`;
}

/** Step 3: look the content tag up in the registry; found means the step is done, otherwise the build starts next. */
export function ensureImageActivity(services: Pick<Services, 'runs' | 'now' | 'registry'>) {
  return (input: z.output<typeof ensureImage.input>): Promise<z.input<typeof ensureImage.output>> =>
    inStep(services, input.runId, 'ensureImage', async (run) => {
      const p = snapshotOf(run);
      const tag = imageTag(input.commitSha, p.training);
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

/** Start the image build (the builder finds an earlier build of this run by run id, so a retry starts none). */
export function startImageBuildActivity(services: Pick<Services, 'runs' | 'now' | 'builder'>) {
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
    await updateRun(services, run, (r) => ({
      ...r,
      lineage: { ...r.lineage, image: { registry: p.image.registry, repository: p.image.repository, tag: input.tag, buildId, built: true } },
    }));
    return { buildId, ...(finished === true ? { finished: true } : {}) };
  };
}

/** Check the build; on success take the digest from the registry (the source of truth) and complete step 3. */
export function pollImageBuildActivity(services: Pick<Services, 'runs' | 'now' | 'builder' | 'registry'>) {
  return async (input: z.output<typeof pollImageBuild.input>): Promise<z.input<typeof pollImageBuild.output>> => {
    const run = await loadRun(services, input.runId);
    const p = snapshotOf(run);
    const build = await services.builder.getBuild(input.buildId);
    if (build.state === 'running') return { state: 'running' };
    if (build.state !== 'succeeded') return { state: build.state, error: build.error ?? `image build ${input.buildId} ${build.state}` };
    const found = await services.registry.findTag(p.image.registry, p.image.repository, input.tag);
    if (!found) throw new AppError('PERMANENT', `Build ${input.buildId} succeeded but ${p.image.repository}:${input.tag} is not in ${p.image.registry}`);
    await completeStep(services, run, 'ensureImage', { tag: input.tag, digest: found.digest, buildId: input.buildId }, (r) => ({
      ...r,
      lineage: { ...r.lineage, image: { registry: p.image.registry, repository: p.image.repository, tag: input.tag, digest: found.digest, buildId: input.buildId, built: true } },
    }));
    return { state: 'succeeded', digest: found.digest };
  };
}
