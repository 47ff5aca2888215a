import { startTelemetry, type TelemetryTarget } from '../adapters/opentelemetry/start-telemetry.js';
import type { Config } from '../config/config.js';
import { appVersion } from './version.js';

/** Start this process's telemetry from the config (the composition root's choice of exporter); once, at start-up. */
export function startAppTelemetry(config: Config): TelemetryTarget {
  return startTelemetry(config.telemetry, { name: 'mlcycle', version: appVersion });
}
