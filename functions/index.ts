/*
 * The entry point the Functions host loads (package.json `main`). Configuration is parsed once here; a bad
 * environment registers no function at all and fails the load with every problem listed (never a value).
 */
import { buildServices } from '../shared/app/build-services.js';
import { loadConfig } from '../shared/config/load.js';
import { startAppTelemetry } from '../shared/app/telemetry.js';
import { AppError } from '../shared/domain/errors.js';
import { registerFunctions } from './register.js';

const config = loadConfig(process.env);
if (config instanceof AppError) throw new Error(config.message);
// Before anything makes a request: the fetch instrumentation must be in place for the adapters' first calls.
startAppTelemetry(config);
registerFunctions(buildServices(config));
