/*
 * `npm run demo`: the main job end to end on one machine, with embedded defaults and no Azure account.
 *
 * It builds or reuses the local stack (pinned venvs, MinIO, the registry packages), starts MinIO, an OCI registry,
 * MLflow and Airflow 3, seeds a git repository of the example project with its data pushed by real `dvc`, serves it
 * as Azure Repos from the Azure DevOps stand-in (which also runs the image pipeline), starts Azurite, the Cosmos
 * server and the app on the dev host (durable engine, real clock), registers `examples/pipeline.json` against that
 * repository, and runs:
 *   1. a first training run: data versioned, image built by the Azure Pipelines pipeline and pushed to the registry,
 *      DAG trained from that image, MLflow run collected, first model promoted;
 *   2. a data change committed, pushed with dvc, and pushed to Azure Repos: the stand-in delivers the `git.push`
 *      service hook, which starts the run; the image is found (no build), the challenger is judged against the champion;
 *   3. a pull request that tunes a hyper-parameter: its service hook starts a validation run on the merge commit,
 *      which trains and evaluates but never promotes, and posts its status and a comment thread to the pull request;
 *   4. a reproduction of the first run, pinned to its commit, data and image digest, whose metrics must come back;
 *      then, when run 2 promoted a second model, a rollback of the champion to the first.
 * It prints each step as it happens, the lineage and decision of each run, and the pull request's status and comment, then stops everything it started and
 * scans everything the demo wrote (its console output, the dev host's and the stack's logs, Airflow's task logs, the
 * durable histories) for every secret it was configured with: `secret scan: N files, 0 hits`, or a failure naming
 * each file and secret.
 *   npm run demo -- --keep     keep everything running afterwards (Ctrl-C stops), to explore with curl
 *   npm run demo -- --keep --jupyterhub
 *                              also start JupyterHub after the runs (about 15 s more; the first time also builds the
 *                              jupyter venv, about 2.5 minutes), its user's kernels holding the
 *                              Python client and pointed at the demo's app and MLflow; prints its URL and credentials
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopAllProcesses } from '../devhost/emulators/child-process.js';
import { startEmbeddedEmulators } from '../devhost/emulators/embedded.js';
import { startDevHost } from '../devhost/dev-host.js';
import { DurableExtension } from '../devhost/durable-extension.js';
import { embeddedDefaults } from '../devhost/local-settings.js';
import { changeExampleData, changeExampleHyperParameter, exampleImagePipelineId, seedExampleRepo, stackAppSettings, startJupyterHub, startLocalAzureDevOps, startStack, stopAllServices, streamSink, type JupyterHubEndpoint, type LocalAzureDevOps } from '../stack/index.js';
import { terminalRunStatuses, type Run } from '../shared/domain/run.js';
import { consoleLogger } from '../shared/logging/logger.js';
import { configuredSecrets, describeScan, fileLines, scanRunFiles, stackSecrets, teeProcessOutput } from '../stack/secret-scan/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, '.mlcycle', 'demo');
const keep = process.argv.includes('--keep');
// Off by default: the hub adds its start-up to the demo and matters only to someone who stays to use it.
const withHub = process.argv.includes('--jupyterhub');
const functionKey = embeddedDefaults.MLCYCLE_FUNCTION_KEY ?? '';
const started = Date.now();
const say = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= embeddedDefaults.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  rmSync(dir, { recursive: true, force: true });
  // What the demo prints is one of the logs the secret scan reads at the end.
  const tee = teeProcessOutput(join(dir, 'logs', 'console.log'));
  say('Local stack: building or reusing the venvs and MinIO (about 6 minutes the very first time), then starting MinIO, MLflow and Airflow 3...');
  const callbackSecret = `demo-${Math.random().toString(36).slice(2)}-callback-secret`;
  const stack = await startStack({
    stateDir: join(dir, 'stack'),
    airflowOptions: { callbackSecret, callbackHeader: 'X-Mlcycle-Callback-Secret' },
    // Builds and slow start-ups say what they are doing (the first build runs for minutes).
    log: (line) => say(`  ${line}`),
    progress: streamSink(process.stdout, '  '),
  });
  say(`MinIO ${stack.s3.url}, MLflow ${stack.mlflow.url}, Airflow ${stack.airflow?.url ?? '-'}`);
  const repo = await seedExampleRepo({ dir: join(dir, 'churn-model'), s3: stack.s3, venv: stack.venvs.ml });
  say(`Example repository ${repo.path} at ${repo.commit.slice(0, 10)}, data pushed to ${repo.remoteUrl}`);
  const ado = await startLocalAzureDevOps({ stack, repo, stateDir: join(dir, 'azure-devops'), onRunCompleted: (r) => say(`  Azure Pipelines run ${r.name} ${r.result}`) });
  say(`Azure DevOps stand-in ${ado.standIn.url}: Azure Repos ${ado.source.organization}/${ado.source.project}/${ado.source.repository}, image pipeline ${exampleImagePipelineId}; OCI registry ${stack.registry.url}`);

  const emulators = await startEmbeddedEmulators();
  const env: Record<string, string> = {
    ...embeddedDefaults,
    ...emulators.settings,
    LOG_LEVEL: 'warn',
    AIRFLOW_CALLBACK_SECRET: callbackSecret,
    ...stackAppSettings(stack, { ado }),
  };
  Object.assign(process.env, env);
  const durable = new DurableExtension({ stateDir: join(dir, 'durable'), log: consoleLogger('warn', { component: 'durable' }) });
  const hostLog = fileLines(join(dir, 'logs', 'devhost.log'));
  const host = await startDevHost({
    appRoot: root,
    env,
    // Port 0: the OS picks a free one as the host binds it, so no other process can take it in between.
    port: 0,
    extensions: [durable],
    // The example pipeline is scheduled (Mondays 06:00 UTC); keep the scheduler out of the demo's two runs.
    timers: false,
    keys: { functionKey, masterKey: embeddedDefaults.MLCYCLE_MASTER_KEY ?? '' },
    log: (level, category, message) => hostLog(`${level} ${category} ${message}`),
    load: async ({ baseUrl }) => {
      // The app builds its links and the DAG's callback URL from this setting, read as it loads.
      env.MLCYCLE_PUBLIC_BASE_URL = baseUrl;
      process.env.MLCYCLE_PUBLIC_BASE_URL = baseUrl;
      await import('../functions/index.js');
    },
  });
  const baseUrl = host.baseUrl;
  // No key is printed, not even the documented one: the README gives it.
  say(`mlcycle on the dev host: ${baseUrl} (function key: the dev host's documented key, see the README)`);
  await ado.subscribe(baseUrl);
  say('Subscribed the app to the stand-in\'s service hooks (git.push, pull requests, image pipeline runs), as `npm run ado:subscribe` does in Azure');
  const secrets = configuredSecrets(env, { ...stackSecrets(stack), 'Durable system key': durable.engine?.systemKey });

  const call = async (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${baseUrl}${path}`, { ...init, headers: { 'x-functions-key': functionKey, 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) } });

  const example = JSON.parse(readFileSync(join(root, 'examples', 'pipeline.json'), 'utf8')) as Record<string, unknown>;
  const pipeline = { ...example, source: ado.source, image: { ...(example.image as Record<string, unknown>), registry: stack.registry.host } };
  const put = await call('/api/pipelines/churn-model', { method: 'PUT', body: JSON.stringify(pipeline) });
  if (put.status !== 201 && put.status !== 200) throw new Error(`PUT /api/pipelines/churn-model: ${put.status} ${await put.text()}`);
  say('Registered pipeline churn-model (examples/pipeline.json; source: the seeded repository as Azure Repos; images: the local registry)');

  const first = await runToEnd(call, 'first model');
  say('Data change: regenerating the data with another split, dvc add, dvc push, git commit...');
  const commit = await changeExampleData({ repo, s3: stack.s3, venv: stack.venvs.ml, seed: 7, push: true, message: 'data: new split' });
  await ado.standIn.push({ repository: ado.repositoryKey, branch: repo.branch });
  say(`Pushed commit ${commit.slice(0, 10)} to Azure Repos: its git.push service hook starts the next run`);
  const second = await follow(call, await runStartedBy(call, (r) => r.trigger.kind === 'ado-push' && r.ref === commit, 'the git.push hook'));

  const reused = second.lineage.image?.built === false && second.lineage.image.digest === first.lineage.image?.digest;
  say(reused ? 'The data-only change reused the image: no build was started.' : 'The data-only change did not reuse the image.');

  say('Pull request: a branch that tunes the hyper-parameter C (1.0 -> 0.3) in training/train.py, into main...');
  await changeExampleHyperParameter({ repo, branch: 'tune-c', name: 'C', value: 0.3, message: 'Tune C to 0.3' });
  await ado.standIn.push({ repository: ado.repositoryKey, branch: 'tune-c' });
  const pr = await ado.standIn.createPullRequest({ repository: ado.repositoryKey, sourceBranch: 'tune-c', targetBranch: repo.branch, title: 'Tune C to 0.3' });
  say(`Pull request ${pr.pullRequestId} opened (merge commit ${pr.lastMergeCommit?.commitId.slice(0, 10) ?? '?'}): its service hook starts a validation run`);
  const validation = await follow(call, await runStartedBy(call, (r) => r.kind === 'validation' && r.pullRequestId === pr.pullRequestId, 'the pull-request hook'));
  const feedback = await pullRequestFeedback(ado.standIn, pr.pullRequestId);

  say(`Reproducing the first run: its commit, data and image ${first.lineage.image?.digest?.slice(0, 19) ?? '?'}…, trained again, never promoted...`);
  const reproduction = await reproduce(call, first.id);
  const rolledBack = await rollBack(call);
  const ok = first.status === 'succeeded' && second.status === 'succeeded' && reused && validation.status === 'succeeded' && feedback && reproduction.reproduction?.reproduced === true && rolledBack;
  say(ok ? 'All four runs succeeded, the pull request has its status and its comment, the first model reproduced, and the champion history is on record.' : 'Something did not succeed; see above.');
  if (withHub && !keep) say('--jupyterhub starts JupyterHub only with --keep; skipped.');
  const hub = keep && withHub ? await startHub(baseUrl, stack.mlflow.url) : undefined;
  if (hub) secrets.scanned.push({ name: 'JupyterHub service token', value: hub.apiToken });
  if (keep) {
    say(`Everything keeps running. Try: curl -H "x-functions-key: $K" ${baseUrl}/api/runs/${second.id}   (K: the README's dev key; Ctrl-C stops)`);
    say(`  the dashboard: ${baseUrl}/api/ui/runs/${second.id} (sign in with a name, a role and the README's dev key)`);
    say(`  the service-hook deliveries: ${baseUrl}/api/hooks/azure-devops/deliveries; the pull request as the stand-in holds it: ${join(dir, 'azure-devops', 'pull-requests.json')}`);
    say(`  the champion history: ${baseUrl}/api/pipelines/churn-model/lifecycle; the trigger log: ${baseUrl}/api/pipelines/churn-model/triggers`);
    if (hub) {
      say(`  JupyterHub: ${hub.url}  user ${hub.user}  password ${hub.password}  (a loopback demo hub: the kernels import mlcycle, which finds this app and its key in MLCYCLE_URL/MLCYCLE_KEY)`);
      say(`  the notebooks: upload examples/notebooks/*.ipynb in JupyterLab, or copy them into ${join(dir, 'stack', 'jupyterhub', 'users', hub.user)}`);
    }
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
  }
  say('Stopping everything the demo started...');
  await hub?.stop();
  await host.stop();
  await emulators.stop();
  await ado.stop();
  await stack.stop();
  tee.stop();
  const report = scanRunFiles({ roots: { logs: [dir], histories: [join(dir, 'durable')] }, secrets });
  if (report.hits.length > 0) console.error(`SECRETS LEAKED into the demo's logs or histories:\n${describeScan(report, dir)}`);
  else say(describeScan(report, dir));
  process.exitCode = ok && report.hits.length === 0 ? 0 : 1;
}

type Call = (path: string, init?: RequestInit) => Promise<Response>;

/** Start JupyterHub for the demo's user, its kernels pointed at the demo's app (with the dev key) and MLflow. */
async function startHub(appUrl: string, mlflowUrl: string): Promise<JupyterHubEndpoint> {
  say('JupyterHub: preparing the kernel venv with the Python client and starting the hub and its proxy...');
  return startJupyterHub({
    stateDir: join(dir, 'stack', 'jupyterhub'),
    app: { url: appUrl, key: functionKey },
    mlflowUrl,
    log: (line) => say(`  ${line}`),
    progress: streamSink(process.stdout, '  '),
  });
}

/** Start a run over the API and follow it to its end. */
async function runToEnd(call: Call, reason: string): Promise<Run> {
  const res = await call('/api/pipelines/churn-model/runs', { method: 'POST', body: JSON.stringify({ reason }) });
  if (res.status !== 202) throw new Error(`POST run: ${res.status} ${await res.text()}`);
  const { runId } = (await res.json()) as { runId: string };
  say(`Run ${runId} started (${reason})`);
  return follow(call, runId);
}

/** Reproduce a run and print how each of its metrics came back. */
async function reproduce(call: Call, runId: string): Promise<Run> {
  const res = await call(`/api/runs/${runId}/reproduce`, { method: 'POST', body: JSON.stringify({ reason: 'demo: reproduce the first model' }) });
  if (res.status !== 202) throw new Error(`POST reproduce: ${res.status} ${await res.text()}`);
  const run = await follow(call, ((await res.json()) as { runId: string }).runId);
  for (const m of run.reproduction?.metrics ?? []) {
    say(`  ${m.metric.padEnd(13)} original ${m.original.toFixed(4)}  reproduced ${m.reproduced?.toFixed(4) ?? 'missing'}  (allowed ±${m.allowed.toPrecision(2)}: ${m.within ? 'within' : 'OUTSIDE'})`);
  }
  return run;
}

/**
 * Roll the champion back to the previous one when the runs promoted more than one model (the data change may or may
 * not have beaten the first), and print the champion history; true when the history is as the registry has it.
 */
async function rollBack(call: Call): Promise<boolean> {
  type Lifecycle = { champion?: { version: string; how: string }; formerChampions: { version: string }[] };
  const read = async () => (await (await call('/api/pipelines/churn-model/lifecycle')).json()) as Lifecycle;
  const before = await read();
  if (before.formerChampions.length === 0) {
    say(`Champion: version ${before.champion?.version ?? '?'} (${before.champion?.how ?? '?'}); no earlier champion to roll back to.`);
    return before.champion !== undefined;
  }
  say(`Rolling back: champion version ${before.champion?.version ?? '?'} back to version ${before.formerChampions[0]?.version ?? '?'}...`);
  const res = await call('/api/pipelines/churn-model/rollback', { method: 'POST', body: JSON.stringify({ reason: 'demo: undo the promotion', by: 'the demo' }) });
  if (res.status !== 200) throw new Error(`POST rollback: ${res.status} ${await res.text()}`);
  const record = (await res.json()) as { fromVersion?: string; toVersion: string; by?: string; reason?: string };
  const after = await read();
  say(`Rolled back from version ${record.fromVersion ?? '?'} to ${record.toVersion} by ${record.by ?? '?'} (${record.reason ?? ''}): the MLflow champion alias moved, previous-champion follows, a mlcycle.model.rolledBack event is on run-events.`);
  return after.champion?.version === record.toVersion && after.champion.how === 'rolled-back';
}

/** Wait for the run a service hook starts (the hook answers at once; its queue starts the run a moment later). */
async function runStartedBy(call: Call, match: (run: Run) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const page = (await (await call('/api/pipelines/churn-model/runs?limit=20')).json()) as { items: Run[] };
    const run = page.items.find(match);
    if (run) {
      say(`Run ${run.id} started by ${what} (${run.kind}${run.pullRequestId !== undefined ? ` of pull request ${run.pullRequestId}` : ''}: ${run.trigger.reason ?? ''})`);
      return run.id;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no run was started by ${what} within 2 minutes; see GET /api/hooks/azure-devops/deliveries`);
}

/** Print the pull request's mlcycle status and comment thread as the stand-in holds them; true once both are there. */
async function pullRequestFeedback(standIn: LocalAzureDevOps['standIn'], id: number): Promise<boolean> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const pr = standIn.pullRequest(id);
    const status = pr?.statuses.filter((s) => s.context.genre === 'mlcycle').at(-1);
    const thread = pr?.threads.find((t) => t.comments.length > 0);
    if ((status && status.state !== 'pending' && thread) || Date.now() > deadline) {
      say(`Pull request ${id} status: ${status ? `${status.context.genre ?? ''}/${status.context.name} ${status.state}: ${status.description ?? ''}` : 'none'}`);
      if (thread) {
        say(`Pull request ${id} comment thread ${thread.id} (${thread.comments.length} comment${thread.comments.length === 1 ? '' : 's'}):`);
        for (const line of (thread.comments.at(-1)?.content ?? '').split('\n')) if (!line.startsWith('<!--')) say(`  | ${line}`);
      }
      return status !== undefined && status.state !== 'pending' && thread !== undefined;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Print a run's steps as they change, and its lineage and decision once it ends. */
async function follow(call: Call, runId: string): Promise<Run> {
  const seen = new Map<string, string>();
  for (;;) {
    const run = (await (await call(`/api/runs/${runId}`)).json()) as Run;
    for (const step of run.steps) {
      if (seen.get(step.name) === step.status || step.status === 'pending') continue;
      seen.set(step.name, step.status);
      say(`  ${step.name.padEnd(15)} ${step.status}${step.error ? `: ${step.error.message}` : ''}`);
    }
    if (terminalRunStatuses.includes(run.status)) {
      printSummary(run);
      return run;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

function printSummary(run: Run): void {
  const l = run.lineage;
  const lines = [
    `Run ${run.id}: ${run.status}${run.reason ? ` (${run.reason})` : ''}`,
    `  commit        ${l.commitSha ?? '-'}`,
    `  data          ${l.data ? `${l.data.fingerprint.slice(0, 16)}… (${l.data.paths.map((p) => `${p.path} ${p.md5} ${p.nfiles ?? 1} files`).join(', ')})` : '-'}`,
    `  image         ${l.image ? `${l.image.registry}/${l.image.repository}:${l.image.tag} ${l.image.digest ?? ''} (${l.image.built ? `built by ${l.image.buildId ?? '?'}` : 'found, not built'})` : '-'}`,
    `  airflow       ${l.airflow ? `${l.airflow.dagId} / ${l.airflow.dagRunId} (${l.airflow.state ?? '?'})` : '-'}`,
    `  mlflow run    ${l.mlflow ? `${l.mlflow.runId}  ${Object.entries(l.mlflow.metrics).map(([k, v]) => `${k}=${v.toFixed(4)}`).join(' ')}` : '-'}`,
    `  model         ${l.model ? `${l.model.name} v${l.model.version}${l.model.aliasesMoved.length ? ` (aliases moved: ${l.model.aliasesMoved.join(', ')})` : ''}` : '-'}`,
    `  decision      ${run.decision ? run.decision.summary : '-'}`,
  ];
  for (const rule of run.decision?.rules ?? []) lines.push(`    ${rule.passed ? 'pass' : 'FAIL'} ${rule.rule}${rule.detail ? `: ${rule.detail}` : ''}`);
  for (const line of lines) say(line);
}

main().catch(async (e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  await stopAllProcesses();
  await stopAllServices();
  process.exit(1);
});
