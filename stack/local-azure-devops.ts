import { randomBytes } from 'node:crypto';
import type { DurableExtension } from '../devhost/durable-extension.js';
import { eventNames, imageInstanceId } from '../shared/durable/instance-ids.js';
import { startAzureDevOpsStandIn, type AzureDevOpsStandIn } from './azure-devops/stand-in.js';
import type { StandInRunCompleted } from './azure-devops/pipeline-runs.js';
import type { ExampleRepo } from './example-repo.js';
import { buildAndPushImage } from './image-builder/index.js';
import type { Stack } from './start-stack.js';

/*
 * Azure DevOps on one machine for the demo, the end-to-end tests and the benchmarks: the stand-in serves the seeded
 * example repository as Azure Repos `mlcycle/churn/churn-model` and runs the image pipeline (id 12, as in
 * examples/pipeline.json; its YAML is the example's `azure-pipelines/build-image.yml`) by building the training
 * folder into a real OCI image pushed to the stack's registry.
 */

/** Where the example lives in the stand-in, as a pipeline's `source` names it. */
export const exampleAzureRepo = { kind: 'azureRepos', organization: 'mlcycle', project: 'churn', repository: 'churn-model' } as const;
/** The image pipeline's id in the stand-in (the one `examples/pipeline.json` names). */
export const exampleImagePipelineId = 12;

export interface LocalAzureDevOps {
  standIn: AzureDevOpsStandIn;
  /** The PAT the stand-in accepts (random per start). */
  pat: string;
  /** The pipeline source of the example repository, on its branch. */
  source: typeof exampleAzureRepo & { branch: string };
  stop(): Promise<void>;
}

/**
 * Start the stand-in over `repo`. A completed image pipeline run wakes the run's image wait on `durable()`'s engine
 * (once the app runs), as Azure DevOps' service hook does in Azure; `onRunCompleted` is told too.
 */
export async function startLocalAzureDevOps(opts: {
  stack: Stack;
  repo: ExampleRepo;
  stateDir?: string;
  durable?: () => DurableExtension | undefined;
  onRunCompleted?: (run: StandInRunCompleted) => void;
}): Promise<LocalAzureDevOps> {
  const { registry } = opts.stack;
  const pat = randomBytes(24).toString('base64url');
  const key = `${exampleAzureRepo.organization}/${exampleAzureRepo.project}/${exampleAzureRepo.repository}`;
  const standIn = await startAzureDevOpsStandIn({
    repos: { [key]: opts.repo.path },
    pipelines: [{ id: exampleImagePipelineId, name: 'build-training-image', project: exampleAzureRepo.project, repository: key, yamlPath: 'azure-pipelines/build-image.yml' }],
    pat,
    build: async (req) => {
      // The pipeline pushes to the registry the app named; on one machine that is the stack's registry.
      if (req.registry !== registry.host) throw new Error(`the local image pipeline pushes to ${registry.host} only, not ${req.registry}`);
      await buildAndPushImage({ ...req, registryUrl: registry.url, username: registry.username, password: registry.password });
    },
    ...(opts.stateDir !== undefined ? { stateDir: opts.stateDir } : {}),
    onRunCompleted: (run) => {
      opts.onRunCompleted?.(run);
      const runId = run.templateParameters.mlcycleRunId;
      // Only a wake-up: the wait confirms the build's state by polling, so a lost or early event changes nothing.
      if (runId !== undefined) void opts.durable?.()?.engine?.raiseEvent(imageInstanceId(runId), eventNames.imageBuilt, null).catch(() => {});
    },
  });
  return { standIn, pat, source: { ...exampleAzureRepo, branch: opts.repo.branch }, stop: () => standIn.stop() };
}
