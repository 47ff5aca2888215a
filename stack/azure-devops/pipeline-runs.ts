import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { git, GitCommandError } from '../../shared/adapters/git/git-cli.js';
import type { PublishEvent } from './events.js';
import { buildComplete, runStateChanged } from './pipeline-events.js';
import { adoError, type Reply } from './replies.js';

/*
 * Pipelines and their runs: `runPipeline` reads the YAML at the commit, names the run from its `name:` (template
 * expressions `${{ parameters.X }}` substituted), answers `inProgress` and runs the injected build in the background;
 * the run then completes `succeeded` or `failed` (or `canceled` when the stand-in cancels it). The Build API view of
 * the same runs (`getBuilds` by definition and build number) comes from the same records. A run raises
 * `ms.vss-pipelines.run-state-changed-event` when it starts and when it completes, and `build.complete` when it
 * completes. Runs are kept in memory and, when a state directory is given, in `runs.json` there.
 */

/** A YAML pipeline the stand-in knows. */
export interface StandInPipeline {
  id: number;
  name: string;
  /** Default: the organization of `repository`. */
  organization?: string;
  project: string;
  /** Key of the repository in the stand-in's repository map (`organization/project/repository`). */
  repository: string;
  yamlPath: string;
}

/** What the stand-in asks the image builder to do for a run. */
export interface StandInBuildRequest {
  repoDir: string;
  commitSha: string;
  codePath: string;
  dockerfile: string;
  registry: string;
  repository: string;
  tag: string;
}

export type StandInBuild = (req: StandInBuildRequest, signal: AbortSignal) => Promise<void>;

/** A run that reached `completed`, as the service's `ms.vss-pipelines.run-state-changed-event` describes it. */
export interface StandInRunCompleted {
  runId: number;
  pipelineId: number;
  name: string;
  result: 'succeeded' | 'failed' | 'canceled';
  templateParameters: Record<string, string>;
}

interface RunRecord {
  id: number;
  pipelineId: number;
  name: string;
  state: 'inProgress' | 'canceling' | 'completed';
  result?: 'succeeded' | 'failed' | 'canceled';
  refName: string;
  version: string;
  templateParameters: Record<string, string>;
  createdDate: string;
  finishedDate?: string;
}

const expression = /\$\{\{\s*parameters\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The runs of the stand-in's pipelines. */
export class PipelineRuns {
  private readonly runs = new Map<number, RunRecord>();
  private readonly aborts = new Map<number, AbortController>();
  private nextId = 100;

  constructor(
    private readonly pipelines: (StandInPipeline & { organization: string })[],
    private readonly repos: Record<string, string>,
    private readonly build: StandInBuild,
    private readonly orgUrl: (org: string) => string,
    private readonly stateDir?: string,
    private readonly onCompleted?: (run: StandInRunCompleted) => void,
    private readonly publish?: PublishEvent,
  ) {
    const file = this.stateFile();
    if (file && existsSync(file)) {
      for (const r of JSON.parse(readFileSync(file, 'utf8')) as RunRecord[]) {
        // A build that was running when the stand-in stopped did not finish.
        this.runs.set(r.id, r.state === 'completed' ? r : { ...r, state: 'completed', result: 'failed', finishedDate: new Date().toISOString() });
        this.nextId = Math.max(this.nextId, r.id + 1);
      }
    }
  }

  private pipeline(org: string, project: string, id: number): (StandInPipeline & { organization: string }) | undefined {
    return this.pipelines.find((p) => p.id === id && p.organization.toLowerCase() === org.toLowerCase() && p.project.toLowerCase() === project.toLowerCase());
  }

  /** `POST {org}/{project}/_apis/pipelines/{id}/runs`. */
  async start(org: string, project: string, pipelineId: number, body: unknown): Promise<Reply> {
    const p = this.pipeline(org, project, pipelineId);
    if (!p) return adoError(404, 'PipelineNotFoundException', `Pipeline with id ${pipelineId} not found.`);
    const dir = this.repos[p.repository];
    if (!dir) return adoError(404, 'GitRepositoryNotFoundException', `TF401019: The Git repository with name or identifier ${p.repository} does not exist.`);
    const params = (body ?? {}) as { resources?: { repositories?: { self?: { refName?: string; version?: string } } }; templateParameters?: Record<string, unknown> };
    const self = params.resources?.repositories?.self ?? {};
    const refName = self.refName ?? 'refs/heads/main';
    let version: string;
    let yamlText: string;
    try {
      version = (await git(dir, ['rev-parse', '--verify', '--end-of-options', `${self.version ?? refName}^{commit}`])).toString('utf8').trim();
      yamlText = (await git(dir, ['cat-file', 'blob', `${version}:${p.yamlPath}`])).toString('utf8');
    } catch (e) {
      if (!(e instanceof GitCommandError)) throw e;
      return adoError(400, 'PipelineValidationException', `Could not read ${p.yamlPath} at ${self.version ?? refName}.`);
    }
    const given: Record<string, string> = Object.fromEntries(Object.entries(params.templateParameters ?? {}).map(([k, v]) => [k, String(v)]));
    const yaml = (parse(yamlText) ?? {}) as { name?: unknown; parameters?: { name: string; default?: string | number | boolean | object }[] };
    const declared = new Map((yaml.parameters ?? []).map((d) => [d.name, d]));
    const unexpected = Object.keys(given).filter((k) => !declared.has(k));
    if (unexpected.length > 0) return adoError(400, 'PipelineValidationException', `Unexpected parameter '${unexpected[0] ?? ''}'`);
    const values: Record<string, string> = {};
    for (const [k, d] of declared) {
      // Defaults of the string, number and boolean parameters the image pipeline declares.
      const v = given[k] ?? (d.default === undefined ? undefined : typeof d.default === 'object' ? JSON.stringify(d.default) : String(d.default));
      if (v === undefined) return adoError(400, 'PipelineValidationException', `A value for the '${k}' parameter must be provided.`);
      values[k] = v;
    }
    const id = this.nextId++;
    const name = typeof yaml.name === 'string' ? yaml.name.replace(expression, (_m, k: string) => values[k] ?? '') : `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}.${id}`;
    const run: RunRecord = { id, pipelineId, name, state: 'inProgress', refName, version, templateParameters: given, createdDate: new Date().toISOString() };
    this.runs.set(id, run);
    this.save();
    this.raise(p, run, false);
    const abort = new AbortController();
    this.aborts.set(id, abort);
    const req: StandInBuildRequest = {
      repoDir: dir,
      commitSha: version,
      codePath: values.codePath ?? '.',
      dockerfile: values.dockerfile ?? 'Dockerfile',
      registry: values.imageRegistry ?? '',
      repository: values.imageRepository ?? '',
      tag: values.imageTag ?? '',
    };
    void this.build(req, abort.signal).then(
      () => this.finish(id, 'succeeded'),
      () => this.finish(id, 'failed'),
    );
    return { status: 200, json: this.runJson(org, project, p, run) };
  }

  /** Cancel a run (as a user would in the web UI). */
  cancel(runId: number): void {
    const run = this.runs.get(runId);
    if (!run || run.state === 'completed') return;
    this.aborts.get(runId)?.abort();
    this.finish(runId, 'canceled');
  }

  /** `GET {org}/{project}/_apis/pipelines/{id}/runs/{runId}`. */
  get(org: string, project: string, pipelineId: number, runId: number): Reply {
    const p = this.pipeline(org, project, pipelineId);
    const run = this.runs.get(runId);
    if (!p || run?.pipelineId !== pipelineId) return adoError(404, 'PipelineRunNotFoundException', `Run with id ${runId} not found for pipeline ${pipelineId}.`);
    return { status: 200, json: this.runJson(org, project, p, run) };
  }

  /** `GET {org}/{project}/_apis/build/builds?definitions=&buildNumber=`. */
  builds(org: string, project: string, q: URLSearchParams): Reply {
    const definitions = (q.get('definitions') ?? '').split(',').filter((d) => d !== '').map(Number);
    const buildNumber = q.get('buildNumber');
    const value = [...this.runs.values()]
      .filter((r) => this.pipeline(org, project, r.pipelineId))
      .filter((r) => definitions.length === 0 || definitions.includes(r.pipelineId))
      .filter((r) => buildNumber === null || r.name.toLowerCase() === buildNumber.toLowerCase())
      .sort((a, b) => b.id - a.id)
      .map((r) => {
        const p = this.pipeline(org, project, r.pipelineId);
        return {
          id: r.id,
          buildNumber: r.name,
          status: r.state === 'canceling' ? 'cancelling' : r.state,
          ...(r.result ? { result: r.result } : {}),
          definition: { id: r.pipelineId, name: p?.name },
          project: { name: project },
          sourceBranch: r.refName,
          sourceVersion: r.version,
          queueTime: r.createdDate,
          ...(r.finishedDate ? { finishTime: r.finishedDate } : {}),
          url: `${this.orgUrl(org)}/${encodeURIComponent(project)}/_apis/build/Builds/${r.id}`,
        };
      });
    return { status: 200, json: { count: value.length, value } };
  }

  private finish(id: number, result: 'succeeded' | 'failed' | 'canceled'): void {
    const run = this.runs.get(id);
    if (!run || run.state === 'completed') return;
    const done: RunRecord = { ...run, state: 'completed', result, finishedDate: new Date().toISOString() };
    this.runs.set(id, done);
    this.aborts.delete(id);
    this.save();
    // After the state is saved, so whoever is told finds the run completed, as a service hook's receiver does.
    this.onCompleted?.({ runId: id, pipelineId: run.pipelineId, name: run.name, result, templateParameters: run.templateParameters });
    const p = this.pipelines.find((x) => x.id === run.pipelineId);
    if (p) this.raise(p, done, true);
  }

  /** Hand the run's state change (and, once completed, its `build.complete`) to the service hooks. */
  private raise(p: StandInPipeline & { organization: string }, r: RunRecord, completed: boolean): void {
    if (!this.publish) return;
    const orgUrl = this.orgUrl(p.organization);
    const facts = {
      organization: p.organization,
      project: p.project,
      repository: p.repository.split('/')[2] ?? '',
      pipeline: { id: p.id, name: p.name },
      run: { ...this.runJson(p.organization, p.project, p, r), id: r.id, name: r.name, state: r.state, ...(r.result ? { result: r.result } : {}) },
      refName: r.refName,
      version: r.version,
      createdDate: r.createdDate,
      ...(r.finishedDate ? { finishedDate: r.finishedDate } : {}),
    };
    this.publish(runStateChanged(facts, orgUrl));
    if (completed) this.publish(buildComplete(facts, orgUrl));
  }

  private runJson(org: string, project: string, p: StandInPipeline, r: RunRecord): Record<string, unknown> {
    const base = `${this.orgUrl(org)}/${encodeURIComponent(project)}`;
    const pipeline = { id: p.id, name: p.name, folder: '\\', revision: 1, url: `${base}/_apis/pipelines/${p.id}?revision=1` };
    return {
      _links: {
        self: { href: `${base}/_apis/pipelines/${p.id}/runs/${r.id}` },
        web: { href: `${base}/_build/results?buildId=${r.id}` },
        'pipeline.web': { href: `${base}/_build/definition?definitionId=${p.id}` },
        pipeline: { href: pipeline.url },
      },
      templateParameters: r.templateParameters,
      pipeline,
      state: r.state,
      ...(r.result ? { result: r.result } : {}),
      createdDate: r.createdDate,
      ...(r.finishedDate ? { finishedDate: r.finishedDate } : {}),
      url: `${base}/_apis/pipelines/${p.id}/runs/${r.id}`,
      resources: { repositories: { self: { repository: { type: 'azureReposGit' }, refName: r.refName, version: r.version } } },
      id: r.id,
      name: r.name,
    };
  }

  private stateFile(): string | undefined {
    return this.stateDir === undefined ? undefined : join(this.stateDir, 'runs.json');
  }

  private save(): void {
    const file = this.stateFile();
    if (!file || this.stateDir === undefined) return;
    mkdirSync(this.stateDir, { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify([...this.runs.values()], null, 2));
    renameSync(`${file}.tmp`, file);
  }
}
