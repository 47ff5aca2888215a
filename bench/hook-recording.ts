import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureSubscriptions } from '../scripts/ado-subscriptions.js';
import { startAzureDevOpsStandIn, type AzureDevOpsStandIn } from '../stack/azure-devops/stand-in.js';
import { startHookReceiver } from '../test/support/hook-receiver.js';
import { scratchGit } from '../test/support/scratch-git.js';

/*
 * The service-hook deliveries `npm run bench:hooks` replays, recorded from the Azure DevOps stand-in: a scratch
 * repository served as Azure Repos `bench/ml/training`, a local receiver subscribed to it as `npm run ado:subscribe`
 * subscribes the app (plus `build.complete`, which that command leaves out but the app still handles), and the pushes,
 * pull-request changes and image-pipeline run that make the stand-in deliver every event type the app acts on,
 * and one event type it does not act on.
 */

/** The Azure Repos repository the benchmark's pipelines follow. */
export const benchRepo = { organization: 'bench', project: 'ml', repository: 'training' } as const;
const repositoryKey = `${benchRepo.organization}/${benchRepo.project}/${benchRepo.repository}`;
/** One model folder per pipeline: pipeline `m<i>` trains `models/m<i>` on `data/m<i>.dvc`. */
export const modelCount = 3;
const imagePipelineId = 12;

/** A delivery as the stand-in sent it, with what made it. */
export interface RecordedDelivery {
  label: string;
  body: Record<string, unknown>;
}

export interface HookRecording {
  standIn: AzureDevOpsStandIn;
  pat: string;
  /** The basic-auth password the subscriptions send (user `mlcycle`): the app's ADO_WEBHOOK_SECRET. */
  webhookSecret: string;
  /** Every delivery of the scenario, in the order the stand-in sent them. */
  deliveries: RecordedDelivery[];
  /** A push, recorded last, that changes `models/m0` only: one run of pipeline m0. */
  singleRunPush: RecordedDelivery;
  stop(): Promise<void>;
}

/** A DVC pointer file for model `m`'s data set at `version`. */
const dvcFile = (m: string, version: string): string => `outs:\n- md5: '${createHash('md5').update(`${m}:${version}`).digest('hex')}'\n  size: 1024\n  path: ${m}.csv\n`;

const imageYaml = `name: mlcycle-\${{ parameters.run }}
parameters:
- { name: run, type: string }
steps:
- script: echo build
`;

/** Start the stand-in over a fresh repository in `dir`, play the scenario, and return what it delivered. */
export async function recordHookDeliveries(dir: string, log: (line: string) => void): Promise<HookRecording> {
  const repo = join(dir, 'training');
  mkdirSync(repo);
  const { sh, write } = scratchGit(() => repo);
  const commit = (files: Record<string, string>, message: string): void => {
    for (const [path, text] of Object.entries(files)) write(path, text);
    sh(['add', '-A']);
    sh(['commit', '-q', '-m', message]);
  };
  sh(['init', '-q', '-b', 'main']);
  const models = Array.from({ length: modelCount }, (_, i) => `m${i}`);
  commit(
    {
      'README.md': '# bench\n',
      'pipelines/image.yml': imageYaml,
      ...Object.fromEntries(models.flatMap((m) => [[`models/${m}/train.py`, 'v = 1\n'], [`models/${m}/Dockerfile`, 'FROM python:3.12-slim\n'], [`data/${m}.dvc`, dvcFile(m, 'v1')]])),
    },
    'initial',
  );

  const receiver = await startHookReceiver();
  const pat = randomBytes(18).toString('base64url');
  const webhookSecret = randomBytes(18).toString('base64url');
  const standIn = await startAzureDevOpsStandIn({
    repos: { [repositoryKey]: repo },
    pipelines: [{ id: imagePipelineId, name: 'build-training-image', project: benchRepo.project, repository: repositoryKey, yamlPath: 'pipelines/image.yml' }],
    pat,
    build: () => Promise.resolve(),
  });
  const orgUrl = standIn.orgUrl(benchRepo.organization);
  const auth = { authorization: `Basic ${Buffer.from(`:${pat}`).toString('base64')}`, accept: 'application/json;api-version=7.1', 'content-type': 'application/json' };
  const hookUrl = `${receiver.url}/api/hooks/azure-devops`;
  const { projectId } = await ensureSubscriptions({
    orgUrl,
    pat,
    project: benchRepo.project,
    repository: benchRepo.repository,
    branch: 'main',
    hookUrl,
    auth: { basic: { username: 'mlcycle', password: webhookSecret } },
    imagePipelineId,
  });
  const buildComplete = {
    publisherId: 'tfs',
    eventType: 'build.complete',
    resourceVersion: '1.0',
    consumerId: 'webHooks',
    consumerActionId: 'httpRequest',
    publisherInputs: { projectId, definitionName: 'build-training-image' },
    consumerInputs: { url: hookUrl, basicAuthUsername: 'mlcycle', basicAuthPassword: webhookSecret },
  };
  const subscribed = await fetch(`${orgUrl}/_apis/hooks/subscriptions`, { method: 'POST', headers: auth, body: JSON.stringify(buildComplete) });
  if (!subscribed.ok) throw new Error(`subscribing build.complete: ${subscribed.status} ${await subscribed.text()}`);

  const deliveries: RecordedDelivery[] = [];
  /** Do `act`, wait for the deliveries it caused (at least `expect`), and keep them under `label`. */
  const step = async (label: string, expect: number, act: () => Promise<unknown>): Promise<RecordedDelivery[]> => {
    const from = receiver.received.length;
    await act();
    const end = Date.now() + 20_000;
    while (receiver.received.length - from < expect && Date.now() < end) {
      await standIn.idle();
      await new Promise((r) => setTimeout(r, 20));
    }
    await standIn.idle();
    const got = receiver.received.slice(from).map((r) => ({ label: `${label}: ${String(r.body.eventType)}`, body: r.body }));
    if (got.length < expect) throw new Error(`${label}: the stand-in delivered ${got.length} event(s), expected ${expect}`);
    deliveries.push(...got);
    log(`  recorded ${label}: ${got.map((g) => g.body.eventType).join(', ')}`);
    return got;
  };
  const push = (branch: string) => standIn.push({ repository: repositoryKey, branch, pushedBy: 'dana@example.com' });

  // Training code of m0 and m1 and the data of m2 change: three training runs.
  commit({ 'models/m0/train.py': 'v = 2\n', 'models/m1/train.py': 'v = 2\n', 'data/m2.dvc': dvcFile('m2', 'v2') }, 'retrain all');
  await step('push of code and data', 1, () => push('main'));
  // Nothing a pipeline trains: no run.
  commit({ 'README.md': '# bench\n\nNotes.\n' }, 'docs');
  await step('push of docs', 1, () => push('main'));
  // A pull request changing m0: created and merged (one validation run of m0; the merged event is the same run).
  sh(['checkout', '-q', '-b', 'feature']);
  commit({ 'models/m0/train.py': 'v = 3\n' }, 'better m0');
  const pr = await step('pull request opened', 2, () => standIn.createPullRequest({ repository: repositoryKey, sourceBranch: 'feature', targetBranch: 'main', title: 'Better m0' }));
  const prId = Number((pr[0]?.body.resource as { pullRequestId?: number } | undefined)?.pullRequestId);
  // New commits on it changing m1 too: validation runs of m0 and m1 on the new merge commit.
  commit({ 'models/m1/train.py': 'v = 3\n' }, 'better m1');
  await step('pull request updated', 2, () => standIn.updatePullRequest(prId));
  sh(['checkout', '-q', 'main']);
  // Completed: training runs of m0 and m1 on the merge commit; the push the merge makes is the same runs.
  await step('pull request completed', 3, () => standIn.completePullRequest(prId));
  sh(['reset', '-q', '--hard', 'main']);
  // The image pipeline runs: run-state-changed (completed) and build.complete; no run waits for it.
  await step('image pipeline run', 2, () =>
    fetch(`${orgUrl}/${benchRepo.project}/_apis/pipelines/${imagePipelineId}/runs`, { method: 'POST', headers: auth, body: JSON.stringify({ templateParameters: { run: 'r-0000000000000000000000000000bench' } }) }),
  );
  commit({ 'models/m0/train.py': 'v = 4\n' }, 'm0 only');
  const [single] = await step('push of m0', 1, () => push('main'));
  if (!single) throw new Error('the stand-in delivered no push of m0');
  deliveries.pop();
  // An event type the app does not act on (the stand-in raises none): answered 202 and recorded as ignored.
  const base = deliveries[0]?.body ?? {};
  deliveries.push({ label: 'unknown: workitem.updated', body: { ...base, id: randomUUID(), eventType: 'workitem.updated', resource: { id: 5, workItemId: 42, rev: 3, fields: { 'System.State': { oldValue: 'New', newValue: 'Active' } } } } });
  await receiver.stop();
  return { standIn, pat, webhookSecret, deliveries, singleRunPush: single, stop: () => standIn.stop() };
}
