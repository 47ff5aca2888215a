/*
 * Counts what the stores do, in the terms Cosmos DB bills: point reads, writes (create, replace, upsert, delete) and
 * queries, with the bytes of the documents read and written, per store. The method → operation map follows the
 * Cosmos adapters (`shared/adapters/cosmos/`): an `update` is a read-modify-write (a point read, then a replace under
 * the ETag), unless the caller passes the current document or the mutation changes nothing.
 */

type Op = 'read' | 'write' | 'query';

/** What one store did. */
export interface StoreTally {
  reads: number;
  writes: number;
  queries: number;
  readBytes: number;
  writeBytes: number;
  /** Documents the queries returned. */
  queryItems: number;
}

const opsOf: Record<string, Record<string, Op[]>> = {
  pipelines: { get: ['read'], put: ['write'], delete: ['write'], list: ['query'], findByAzureRepo: ['query'] },
  runs: {
    get: ['read'],
    find: ['query'],
    create: ['write'],
    update: ['read', 'write'],
    getSlot: ['read'],
    putSlot: ['write'],
    list: ['query'],
    runningAt: ['query'],
    findByLineage: ['query'],
  },
  triggers: { record: ['write'], list: ['query'], getSignalGate: ['read'], putSignalGate: ['write'], getSignalMark: ['read'], markSignal: ['write'] },
  pipelineStates: { get: ['read'], update: ['read', 'write'], delete: ['write'], due: ['query'], record: ['write'], findRecord: ['read'], listRecords: ['query'] },
};

const bytes = (v: unknown): number => (v === null || v === undefined ? 0 : Buffer.byteLength(JSON.stringify(v)));
/** Documents a query returned: a page's items, an array, or the one document a lookup by id found. */
function itemsOf(v: unknown): number {
  if (Array.isArray(v)) return v.length;
  if (v === null || v === undefined) return 0;
  const items = (v as { items?: unknown }).items;
  return Array.isArray(items) ? items.length : 1;
}

/** Empty tallies, one per store. */
export function emptyTallies(): Record<string, StoreTally> {
  return Object.fromEntries(Object.keys(opsOf).map((k) => [k, { reads: 0, writes: 0, queries: 0, readBytes: 0, writeBytes: 0, queryItems: 0 }]));
}

/**
 * Count every call of `store`'s methods into `tallies[name]` (methods are replaced on the instance, so every holder
 * of the object, the registered activities included, is counted). `enabled()` turns counting off while seeding.
 */
export function countStore(name: string, store: object, tallies: Record<string, StoreTally>, enabled: () => boolean): void {
  const ops = opsOf[name];
  if (!ops) throw new Error(`no operation map for store ${name}`);
  const target = store as Record<string, unknown>;
  for (const [method, kinds] of Object.entries(ops)) {
    const original = target[method];
    if (typeof original !== 'function') continue;
    const fn = original as (...a: unknown[]) => Promise<unknown>;
    target[method] = async (...args: unknown[]): Promise<unknown> => {
      if (!enabled()) return fn.apply(store, args);
      const t = tallies[name]!;
      if (method === 'update') {
        // A mutation that returns null writes nothing; a caller that passes the current document saves the read.
        let unchanged = false;
        const mutate = args[name === 'runs' ? 2 : 1] as (x: unknown) => unknown;
        const wrapped = (x: unknown): unknown => {
          const next = mutate(x);
          unchanged = next === null;
          return next;
        };
        const rest = [...args];
        rest[name === 'runs' ? 2 : 1] = wrapped;
        const current = name === 'pipelineStates' ? (args[2] as { current?: unknown } | undefined)?.current : undefined;
        const out = await fn.apply(store, rest);
        if (current === undefined) {
          t.reads++;
          t.readBytes += bytes(out);
        }
        if (!unchanged) {
          t.writes++;
          t.writeBytes += bytes(out);
        }
        return out;
      }
      const out = await fn.apply(store, args);
      for (const k of kinds) {
        if (k === 'read') {
          t.reads++;
          t.readBytes += bytes(out);
        } else if (k === 'write') {
          t.writes++;
          t.writeBytes += bytes(method === 'record' && out && typeof out === 'object' && 'record' in out ? out.record : (out ?? args[0]));
        } else {
          t.queries++;
          t.queryItems += itemsOf(out);
        }
      }
      return out;
    };
  }
}
