import type { Run, RunPipelineParameters, RunResult, RunState } from 'azure-devops-node-api/interfaces/PipelinesInterfaces.js';
import { AppError } from '../../domain/errors.js';
import { isSafeId } from '../../domain/ids.js';
import type { Source } from '../../domain/pipeline.js';
import type { BuildState, ImageBuilder } from '../../ports/external-systems.js';
import type { AdoConnection } from './ado-connection.js';
import { assertAdoName } from './ado-names.js';

type BuildRequest = Parameters<ImageBuilder['startBuild']>[0];

export interface AzurePipelinesBuilderOptions {
  /** Organization of the pipeline; default: the source's when it is an Azure Repos source. */
  organization?: string;
  /** Project of the pipeline; default: the source's when it is an Azure Repos source. */
  project?: string;
  /** Pipeline to run when the pipeline's `image.buildPipelineId` is not set. */
  defaultPipelineId?: number;
}

// PipelinesInterfaces' numeric enums (the service sends strings; the client maps them).
const completed = 4 as RunState;
const succeeded = 1 as RunResult;
const canceled = 4 as RunResult;

const buildIdPattern = /^ado-([1-9][0-9]{0,9})-([1-9][0-9]{0,11})$/;

/** The run name the pipeline YAML gives a run (`name: mlcycle-${{ parameters.mlcycleRunId }}`). */
export const adoRunName = (runId: string): string => `mlcycle-${runId}`;

/** The build id of an Azure Pipelines run: pipeline id and run id (the run id is the Build API's build id). */
export const adoBuildId = (pipelineId: number, runId: number): string => `ado-${pipelineId}-${runId}`;

/**
 * `ImageBuilder` over an Azure Pipelines YAML pipeline that builds the image and pushes it to ACR. The run is named
 * after the mlcycle run id, so a retried start finds the run it started (Build API, by build number) instead of
 * starting another.
 */
export class AzurePipelinesBuilder implements ImageBuilder {
  constructor(
    private readonly ado: AdoConnection,
    private readonly opts: AzurePipelinesBuilderOptions = {},
  ) {}

  async startBuild(req: BuildRequest): Promise<{ buildId: string; finished?: boolean }> {
    const pipelineId = req.buildPipelineId ?? this.opts.defaultPipelineId;
    if (pipelineId === undefined) {
      throw new AppError('CONFIG', 'No Azure Pipelines pipeline builds the image: set image.buildPipelineId on the pipeline or the default image pipeline id setting');
    }
    if (!Number.isSafeInteger(pipelineId) || pipelineId < 1) throw new AppError('VALIDATION', `'${pipelineId}' is not an Azure Pipelines pipeline id`);
    if (!isSafeId(req.runId)) throw new AppError('VALIDATION', `Run id '${req.runId.slice(0, 80)}' cannot name an Azure Pipelines run`);
    const where = this.where(req.source.kind === 'azureRepos' ? req.source : undefined);
    const name = adoRunName(req.runId);
    const label = `pipeline ${pipelineId} in ${where.organization}/${where.project}`;

    const builds = await this.ado.call(where.organization, `looking for run ${name} of ${label}`, (a) =>
      a.build.getBuilds(where.project, [pipelineId], undefined, name),
    );
    if (builds === null) throw new AppError('PERMANENT', `Azure DevOps has no project '${where.project}' in ${where.organization}: fix the image pipeline's project setting`);
    const earlier = builds.find((b) => b.buildNumber === name && b.id !== undefined);
    if (earlier?.id !== undefined) return { buildId: adoBuildId(pipelineId, earlier.id) };

    const params: RunPipelineParameters = {
      resources: { repositories: { self: { refName: `refs/heads/${req.source.branch}`, version: req.commitSha } } },
      templateParameters: {
        imageRegistry: req.registry,
        imageRepository: req.repository,
        imageTag: req.tag,
        codePath: req.codePath,
        dockerfile: req.dockerfile,
        commit: req.commitSha,
        mlcycleRunId: req.runId,
      },
    };
    const run = await this.ado.call(where.organization, `running ${label}`, (a) => a.pipelines.runPipeline(params, where.project, pipelineId));
    if (run?.id === undefined) {
      throw new AppError('PERMANENT', `Azure Pipelines has no ${label}: fix image.buildPipelineId or the default image pipeline id`, { details: { pipelineId } });
    }
    return { buildId: adoBuildId(pipelineId, run.id), ...(run.state === completed ? { finished: true } : {}) };
  }

  async getBuild(buildId: string, source: Source): Promise<{ state: BuildState; error?: string; url?: string }> {
    const m = buildIdPattern.exec(buildId);
    if (!m) throw new AppError('VALIDATION', `'${buildId.slice(0, 80)}' is not an Azure Pipelines build id`);
    const pipelineId = Number(m[1]);
    const runId = Number(m[2]);
    // The pipeline's source locates the build as it located the start: no state kept between calls or instances.
    const where = this.where(source.kind === 'azureRepos' ? source : undefined);
    const run: Run | null = await this.ado.call(where.organization, `reading run ${runId} of pipeline ${pipelineId}`, (a) => a.pipelines.getRun(where.project, pipelineId, runId));
    if (run === null) throw new AppError('PERMANENT', `Azure Pipelines has no run ${runId} of pipeline ${pipelineId} in ${where.organization}/${where.project}`);
    const href = (run._links as { web?: { href?: unknown } } | undefined)?.web?.href;
    const url = typeof href === 'string' && /^https?:\/\//.test(href) ? { url: href } : {};
    if (run.state !== completed) return { state: 'running', ...url };
    if (run.result === succeeded) return { state: 'succeeded', ...url };
    const state: BuildState = run.result === canceled ? 'cancelled' : 'failed';
    return { state, error: `Azure Pipelines run ${run.name ?? runId} of pipeline ${pipelineId} ${state === 'cancelled' ? 'was cancelled' : 'failed'}${typeof href === 'string' ? `: see ${href}` : ''}`, ...url };
  }

  private where(source: { organization: string; project: string } | undefined): { organization: string; project: string } {
    const organization = this.opts.organization ?? source?.organization;
    const project = this.opts.project ?? source?.project;
    if (organization === undefined || project === undefined) {
      throw new AppError('CONFIG', 'The Azure Pipelines image builder needs the Azure DevOps organization and project settings (or an Azure Repos pipeline source)');
    }
    assertAdoName('organization', organization);
    assertAdoName('project', project);
    return { organization, project };
  }
}
