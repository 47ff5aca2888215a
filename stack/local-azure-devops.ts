import { randomBytes } from 'node:crypto';
import { ensureSubscriptions } from '../scripts/ado-subscriptions.js';
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
  /** The secret the service hooks send as their basic-auth password (user `mlcycle`): the app's ADO_WEBHOOK_SECRET. */
  webhookSecret: string;
  /**
   * Subscribe the app at `appUrl` to the example repository's events and the image pipeline's runs, through the
   * Service Hooks API (what `npm run ado:subscribe` does in Azure): from then on pushes, pull requests and finished
   * image builds reach `POST <appUrl>/api/hooks/azure-devops`.
   */
  subscribe(appUrl: string): Promise<void>;
  /** The example repository's key in the stand-in (`organization/project/repository`), for pushes and pull requests. */
  repositoryKey: string;
  /** The pipeline source of the example repository, on its branch. */
  source: typeof exampleAzureRepo & { branch: string };
  stop(): Promise<void>;
}

/**
 * Start the stand-in over `repo`. Once the app is subscribed (`subscribe`), the stand-in delivers service hooks to it
 * as Azure DevOps does in Azure: a completed image pipeline run wakes the run's image wait; `onRunCompleted` is told too.
 */
export async function startLocalAzureDevOps(opts: { stack: Stack; repo: ExampleRepo; stateDir?: string; onRunCompleted?: (run: StandInRunCompleted) => void }): Promise<LocalAzureDevOps> {
  const { registry } = opts.stack;
  const pat = randomBytes(24).toString('base64url');
  const webhookSecret = randomBytes(24).toString('base64url');
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
    ...(opts.onRunCompleted ? { onRunCompleted: opts.onRunCompleted } : {}),
  });
  const subscribe = async (appUrl: string): Promise<void> => {
    await ensureSubscriptions({
      orgUrl: standIn.orgUrl(exampleAzureRepo.organization),
      pat,
      project: exampleAzureRepo.project,
      repository: exampleAzureRepo.repository,
      hookUrl: `${appUrl}/api/hooks/azure-devops`,
      auth: { basic: { username: 'mlcycle', password: webhookSecret } },
      imagePipelineId: exampleImagePipelineId,
    });
  };
  return { standIn, pat, webhookSecret, subscribe, repositoryKey: key, source: { ...exampleAzureRepo, branch: opts.repo.branch }, stop: () => standIn.stop() };
}
