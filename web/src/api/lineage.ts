import { useQuery } from '@tanstack/react-query';
import { api, dataOf, type Run } from './client.js';

/** The keys `GET /api/lineage` finds runs by. */
export type LineageKind = 'commit' | 'dataFingerprint' | 'imageDigest' | 'mlflowRunId' | 'model';

/** How each kind is named on the page. */
export const lineageKindNames: Record<LineageKind, string> = {
  commit: 'commit',
  dataFingerprint: 'data fingerprint',
  imageDigest: 'image digest',
  mlflowRunId: 'MLflow run id',
  model: 'model version',
};

/**
 * The kinds a pasted key may be, most likely first, each only when the API would accept it as that kind: a 40-hex
 * string is a commit, `sha256:<64 hex>` an image digest, 64 hex a data fingerprint (sha256 of the tracked outputs),
 * `<name>:<version>` a model version, 32 hex an MLflow run id; anything else is tried as an MLflow run id and then as a
 * fingerprint.
 */
export function candidateKinds(key: string): { value: string; kinds: LineageKind[] } {
  const value = key.trim();
  const lower = value.toLowerCase();
  if (/^[0-9a-f]{40}$/.test(lower)) return { value: lower, kinds: ['commit'] };
  if (/^sha256:[0-9a-f]{64}$/.test(lower)) return { value: lower, kinds: ['imageDigest'] };
  if (/^[0-9a-f]{64}$/.test(lower)) return { value: lower, kinds: ['dataFingerprint'] };
  if (/^.{1,500}:\d{1,10}$/.test(value)) return { value, kinds: ['model'] };
  const kinds: LineageKind[] = [];
  if (value.length >= 1 && value.length <= 64) kinds.push('mlflowRunId');
  if (value.length >= 8 && value.length <= 128) kinds.push('dataFingerprint');
  return { value, kinds };
}

/** What a search found: the kind the key turned out to be (the first tried when nothing matched) and its runs. */
export interface LineageResult {
  kind: LineageKind | undefined;
  runs: Run[];
}

async function findRuns(kind: LineageKind, value: string): Promise<Run[]> {
  const result = await api.GET('/api/lineage', {
    params: { query: { key: { [kind]: value } } },
    // The key goes as a query parameter of its own (`?commit=...`), not as `key[commit]`.
    querySerializer: { object: { style: 'form', explode: true } },
  });
  return dataOf(result).items;
}

/** Search the lineage for a pasted key, trying its candidate kinds in turn until one finds runs. */
export async function searchLineage(key: string): Promise<LineageResult> {
  const { value, kinds } = candidateKinds(key);
  for (const kind of kinds) {
    const runs = await findRuns(kind, value);
    if (runs.length > 0) return { kind, runs };
  }
  return { kind: kinds[0], runs: [] };
}

/** The runs behind a key (nothing is asked while the key is empty). */
export function useLineageSearch(key: string) {
  return useQuery({ queryKey: ['lineage', key], queryFn: () => searchLineage(key), enabled: key.trim().length > 0 });
}
