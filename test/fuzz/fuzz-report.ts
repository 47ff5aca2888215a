import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../support/app-host.js';

/** The parts of schemathesis' JSON run report (`--report json`) the fuzz test reads. */
export interface FuzzReport {
  seed: number;
  complete: boolean;
  stop_reason: string;
  test_cases: { generated: number; with_failures: number; unique_failures: number; errored: number };
  failures: { code: string; title: string; count: number; operations: string[] }[];
  errors: unknown[];
}

/** The figures the fuzz test prints and asserts. */
export interface FuzzFigures {
  cases: number;
  serverErrors: number;
  schemaViolations: number;
  stateChangesFromRejected: number;
  errors: number;
}

// Failure codes of schemathesis 4 (`st explain <code>`): ST101/ST102 are 5xx answers; ST901 is a custom check, here
// only `rejected_request_changes_nothing` (fuzz_hooks.py); every other code is a response or status that breaks the
// document, or a request the document calls valid (or invalid) answered the other way.
const serverErrorCodes = new Set(['ST101', 'ST102']);
const customCheckCode = 'ST901';

/** Count the report's unique failures by kind. */
export function summarise(report: FuzzReport): FuzzFigures {
  const count = (pick: (code: string) => boolean) => report.failures.filter((f) => pick(f.code)).reduce((n, f) => n + f.count, 0);
  return {
    cases: report.test_cases.generated,
    serverErrors: count((c) => serverErrorCodes.has(c)),
    schemaViolations: count((c) => !serverErrorCodes.has(c) && c !== customCheckCode),
    stateChangesFromRejected: count((c) => c === customCheckCode),
    errors: report.errors.length + report.test_cases.errored,
  };
}

/** The fuzz venv's interpreter: `MLCYCLE_FUZZ_PYTHON`, else the one `npm run stack:setup` recorded in `.mlcycle/venvs.json`. */
export function fuzzPython(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.MLCYCLE_FUZZ_PYTHON) return env.MLCYCLE_FUZZ_PYTHON;
  const file = join(appRoot, '.mlcycle', 'venvs.json');
  if (!existsSync(file)) return undefined;
  const venvs = JSON.parse(readFileSync(file, 'utf8')) as { fuzz?: { python?: unknown } };
  return typeof venvs.fuzz?.python === 'string' ? venvs.fuzz.python : undefined;
}

/**
 * The seed and the number of examples per operation and phase. Fixed, so CI fuzzes the same cases every time and a
 * failure reproduces; `MLCYCLE_FUZZ_SEED` / `MLCYCLE_FUZZ_EXAMPLES` explore further by hand.
 */
export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): { seed: number; maxExamples: number } {
  return { seed: Number(env.MLCYCLE_FUZZ_SEED ?? 20240611), maxExamples: Number(env.MLCYCLE_FUZZ_EXAMPLES ?? 100) };
}
