import type { KillPlan } from './support/crash-trials.js';

/*
 * Where the crash suite and `bench:reliability` kill the dev host: `<function>:<n>[:<delayMs>]`, the n-th start of
 * that function in the host's lifetime (activities, the hook routes), `delayMs` later. Three pipelines run at once,
 * so a kill finds runs at different steps; each round also starts with a kill right after its runs were accepted. A point the runs
 * have all passed is replaced by a kill from outside after a while (see crash-trials.ts).
 */

export const crashPipelines = ['crash-a', 'crash-b', 'crash-c'] as const;

/** Round 1: first models, each pipeline's image built by the image pipeline. */
export const firstRound: KillPlan = [
  'startRun:2', // start: the run records being created
  'versionData:1', // version data, as it begins
  'versionData:1:150', // mid-activity: objects being proven in S3
  'ensureImage:1', // the image looked up
  'startImageBuild:1', // the image build being started
  'startImageBuild:1:400', // mid-activity: the build requested
  'hooks-azure-devops:1', // the build's service hook in flight (the stand-in delivers it again)
  'pollImageBuild:1', // the build confirmed
  'startTraining:1', // the train trigger
  'startTraining:1:4000', // during the training wait
  'hooks-airflow:1', // the DAG's callback in flight (Airflow retries it 10 s later)
  'pollTraining:1:100', // training confirmed
  'collectResults:1', // results
  'evaluate:1', // the decision
  'evaluate:1:300', // mid-activity: promoting (register the version, move the alias)
  'report:1', // the report
];

/** Round 2: forced retrains that find their image (no build). */
export const retrainRound: KillPlan = [
  'startRun:2',
  'versionData:1:100',
  'ensureImage:1',
  'startTraining:1',
  'startTraining:1:3000',
  'hooks-airflow:1',
  'collectResults:1',
  'evaluate:1:200',
  'report:1',
];
