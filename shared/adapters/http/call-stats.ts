/*
 * Process-wide counters of calls to external systems, one per HTTP request actually sent (retries and token requests
 * included). Cheap enough to keep on always; `bench:integrations` reads them to report how chatty a run is.
 */

export type ExternalSystem = 'airflow' | 'mlflow' | 's3' | 'git' | 'registry' | 'ado';

const counts: Record<ExternalSystem, number> = { airflow: 0, mlflow: 0, s3: 0, git: 0, registry: 0, ado: 0 };

/** Count one call to `system`. */
export function countCall(system: ExternalSystem): void {
  counts[system] += 1;
}

/** The counts so far. */
export function callCounts(): Readonly<Record<ExternalSystem, number>> {
  return { ...counts };
}

/** Start counting from zero. */
export function resetCallCounts(): void {
  for (const k of Object.keys(counts) as ExternalSystem[]) counts[k] = 0;
}
