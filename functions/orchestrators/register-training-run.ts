import * as df from 'durable-functions';
import type { Services } from '../../shared/app/services.js';
import { orchestratorNames } from '../../shared/durable/instance-ids.js';
import { createActivities } from '../activities/create-activities.js';
import { awaitImageBuildOrchestrator } from './await-image-build.js';
import { awaitTrainingOrchestrator } from './await-training.js';
import { trainingRunOrchestrator } from './training-run.js';

/** Orchestrators of a training run, by registered name (the replay tests feed histories to these). */
export const trainingRunOrchestrators = {
  [orchestratorNames.trainingRun]: trainingRunOrchestrator,
  [orchestratorNames.awaitTraining]: awaitTrainingOrchestrator,
  [orchestratorNames.awaitImageBuild]: awaitImageBuildOrchestrator,
} as const;

/** Register the training-run orchestrators and their activities (built over `services`) with the Functions app. */
export function registerTrainingRun(services: Services): void {
  for (const [name, handler] of Object.entries(trainingRunOrchestrators)) df.app.orchestration(name, handler);
  for (const [name, handler] of Object.entries(createActivities(services))) df.app.activity(name, { handler });
}
