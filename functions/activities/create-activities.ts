import type { Services } from '../../shared/app/services.js';
import type { Logger } from '../../shared/logging/logger.js';
import type { RunTracing } from '../../shared/ports/run-tracing.js';
import * as A from './contracts.js';
import { ensureImageActivity, pollImageBuildActivity, startImageBuildActivity } from './image.js';
import { promoteActivity } from './promote.js';
import { reportActivity } from './report.js';
import { collectResultsActivity, evaluateActivity } from './results.js';
import { startRunActivity } from './start-run.js';
import { pollTrainingActivity, startTrainingActivity } from './training.js';
import { versionDataActivity } from './version-data.js';
import { activityHandler, type ActivityHandler } from './wrap.js';

/** Every activity of a training run as an engine handler, built over the given ports (adapters or fakes). */
export function createActivities(services: Services): Record<string, ActivityHandler> {
  // Looked up per call: a composition root (or a test harness) may swap the logger and tracing after registration.
  const log: Logger = {
    debug: (m, f) => services.log.debug(m, f),
    info: (m, f) => services.log.info(m, f),
    warn: (m, f) => services.log.warn(m, f),
    error: (m, f) => services.log.error(m, f),
  };
  const tracing: RunTracing = {
    inSpan: (name, opts, work) => services.tracing.inSpan(name, opts, work),
    currentTraceparent: () => services.tracing.currentTraceparent(),
    annotate: (fields) => services.tracing.annotate(fields),
    logFields: () => services.tracing.logFields(),
  };
  return {
    [A.startRun.name]: activityHandler(A.startRun, startRunActivity(services), log, tracing),
    [A.versionData.name]: activityHandler(A.versionData, versionDataActivity(services), log, tracing),
    [A.ensureImage.name]: activityHandler(A.ensureImage, ensureImageActivity(services), log, tracing),
    [A.startImageBuild.name]: activityHandler(A.startImageBuild, startImageBuildActivity(services), log, tracing),
    [A.pollImageBuild.name]: activityHandler(A.pollImageBuild, pollImageBuildActivity(services), log, tracing),
    [A.startTraining.name]: activityHandler(A.startTraining, startTrainingActivity(services), log, tracing),
    [A.pollTraining.name]: activityHandler(A.pollTraining, pollTrainingActivity(services), log, tracing),
    [A.collectResults.name]: activityHandler(A.collectResults, collectResultsActivity(services), log, tracing),
    [A.evaluate.name]: activityHandler(A.evaluate, evaluateActivity(services), log, tracing),
    [A.promote.name]: activityHandler(A.promote, promoteActivity(services), log, tracing),
    [A.report.name]: activityHandler(A.report, reportActivity(services), log, tracing),
  };
}
