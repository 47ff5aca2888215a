/*
 * The local ML stack the app talks to when it runs on one machine: pinned Python venvs in a shared cache, MinIO
 * built from source, an MLflow server and Airflow standalone on loopback ports, each with health checks and a stop()
 * that ends its whole process tree. Only tests, benchmarks and scripts use it; the dev host never imports it (the
 * dependency runs the other way: this folder may use devhost/). See docs/local-stack.md and docs/architecture.md.
 */
export { cacheDir, dagsFolder, repoRoot, stateRoot } from './paths.js';
export { ensureVenv, ensureVenvs, freezeRequirements, recordedVenvs, venvNames, type VenvInfo, type VenvName, type Venvs } from './venvs.js';
export { ensureMinio, minioModule, minioVersion } from './minio-binary.js';
export { defaultBuckets, s3Env, startS3, type S3Endpoint, type S3Options } from './s3-server.js';
export { startMlflow, type MlflowEndpoint, type MlflowOptions } from './mlflow-server.js';
export { airflowToken, startAirflow, trainingDagId, type AirflowEndpoint, type AirflowOptions } from './airflow-server.js';
export { startStack, type Stack, type StackOptions } from './start-stack.js';
export { ensurePostgres, postgresDebs, postgresMajor, type PostgresTools } from './postgres-binary.js';
export { startPostgres, type PostgresEndpoint, type PostgresOptions } from './postgres-server.js';
export { onFreePort, PortInUseError, setPortPicker, type PortPicker } from './port-binding.js';
export { stopAllServices, stopFromPidFile } from './managed-process.js';
export { processDescendants, sessionMembers } from './process-tree.js';
export { ServiceStartError } from './wait.js';
export { changeExampleCode, changeExampleHyperParameter, changeExampleData, exampleCodePath, exampleDockerfile, seedExampleRepo, type ExampleRepo } from './example-repo.js';
export { stackAppSettings, stackPipelineSpec } from './app-settings.js';
export { lineSink, silentSink, streamSink, type ProgressSink } from './progress.js';
export { ensureRegistryTools, registryDebs, type RegistryTools } from './registry-tools.js';
export { startRegistry, type RegistryEndpoint, type RegistryOptions, type RegistryTokenAuth } from './registry-server.js';
export { buildAndPushImage, type BuildAndPushRequest } from './image-builder/index.js';
export { exampleAzureRepo, exampleImagePipelineId, startLocalAzureDevOps, type LocalAzureDevOps } from './local-azure-devops.js';
export { startAzureDevOpsStandIn, type AzureDevOpsStandIn } from './azure-devops/stand-in.js';
export { ensureClientVenv, type ClientVenv } from './client-venv.js';
export { hubServiceName, startJupyterHub, type JupyterHubEndpoint, type JupyterHubOptions } from './jupyterhub-server.js';
