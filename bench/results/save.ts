import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where a bench's figures are kept: `bench/results/<name>.json`, committed, read by `npm run capacity`. */
export const resultPath = (name: string): string => fileURLToPath(new URL(`./${name}.json`, import.meta.url));

/** True when no `BENCH_*` setting changes the bench from its documented defaults. */
export const usingDefaults = (): boolean => Object.keys(process.env).every((k) => !k.startsWith('BENCH_'));

/**
 * Keep a bench's final JSON figures for the capacity model, but only from a run with the default settings (a smaller
 * trial run must not replace the figures the committed capacity document was computed from).
 */
export function saveResult(name: string, figures: Record<string, unknown>): void {
  if (!usingDefaults()) {
    process.stderr.write(`${name}: BENCH_* settings in effect, so bench/results/${name}.json is left as it was\n`);
    return;
  }
  writeFileSync(resultPath(name), `${JSON.stringify(figures, null, 2)}\n`);
}
