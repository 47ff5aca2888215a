import { AppError } from '../domain/errors.js';
import type {
  ExperimentTracker,
  ImageBuilder,
  ImageRegistry,
  ObjectStore,
  ReviewNotifier,
  SourceRepository,
  TrainingScheduler,
} from '../ports/external-systems.js';

/**
 * Stand-ins for external systems whose settings are absent. Every call fails with a CONFIG error that names the
 * settings to provide, so a run fails its step with a readable reason instead of the app refusing to start.
 */
export function unconfigured<T extends object>(system: string, settings: string[]): T {
  return new Proxy({} as T, {
    get: (_target, prop) =>
      typeof prop === 'string' && prop !== 'then'
        ? () => Promise.reject(new AppError('CONFIG', `${system} is not configured: set ${settings.join(', ')}.`))
        : undefined,
  });
}

/** Typed shorthands for each external-system port. */
export const unconfiguredPorts = {
  source: () => unconfigured<SourceRepository>('The source repository', ['ADO_PAT (or, in Azure, the managed identity) for azureRepos sources']),
  objects: () => unconfigured<ObjectStore>('The S3 data store', ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']),
  registry: () => unconfigured<ImageRegistry>('The container registry', ['REGISTRY_LOGIN_SERVER']),
  builder: () => unconfigured<ImageBuilder>('The Azure Pipelines image build', ['ADO_PAT (or, in Azure, the managed identity)', 'ADO_IMAGE_PIPELINE_ID or the pipeline\'s image.buildPipelineId']),
  scheduler: () => unconfigured<TrainingScheduler>('Airflow', ['AIRFLOW_BASE_URL', 'AIRFLOW_USERNAME', 'AIRFLOW_PASSWORD']),
  tracker: () => unconfigured<ExperimentTracker>('MLflow', ['MLFLOW_TRACKING_URI']),
  review: () => unconfigured<ReviewNotifier>('Azure DevOps', ['ADO_PAT (or, in Azure, the managed identity)']),
};
