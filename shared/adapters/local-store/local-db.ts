import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Database, RootDatabase } from 'lmdb';
import { errors } from '../../domain/errors.js';

/** The four collections, named and partitioned as the Cosmos containers are (`shared/adapters/cosmos/cosmos-client.ts`). */
export type CollectionName = 'pipelines' | 'runs' | 'triggers' | 'lifecycle';

/** A stored document: the record's fields plus the ETag the store gave its last write. */
export type StoredDoc = Record<string, unknown> & { _etag: string };

/** What a conditional write decides after reading the current document inside the write transaction. */
export type Decision = { put: Record<string, unknown> } | { remove: true } | undefined;

/** One collection of documents keyed by partition key and id. */
export interface LocalCollection {
  read(pk: string, id: string): Promise<StoredDoc | undefined>;
  /**
   * Read the document and write what `decide` returns, atomically (one LMDB write transaction), so a conditional
   * write (ETag match, create-if-absent) cannot interleave with another. Resolves once the commit is on disk.
   */
  change(pk: string, id: string, decide: (current: StoredDoc | undefined) => Decision): Promise<{ before: StoredDoc | undefined; after: StoredDoc | undefined }>;
  /** Every document of one partition, or of the whole collection when `pk` is undefined. */
  scan(pk?: string): Promise<StoredDoc[]>;
}

/** The local store's database: one LMDB environment in a folder, one named database per collection. */
export interface LocalDb {
  collection(name: CollectionName): LocalCollection;
  ping(): Promise<void>;
}

type Key = [string, string];
const opened = new Map<string, Promise<RootDatabase<StoredDoc, Key>>>();

/**
 * Open (once per process and folder) the LMDB environment. `lmdb` is a development dependency, imported only here and
 * only when the local store is configured, so the deployed package (which uses Cosmos) never loads it. Commits are
 * synced to disk before a write resolves (`overlappingSync: false`): a write the API acknowledged survives `kill -9`.
 */
function openRoot(dir: string): Promise<RootDatabase<StoredDoc, Key>> {
  const path = resolve(dir);
  let root = opened.get(path);
  if (!root) {
    root = import('lmdb').then((lmdb) => lmdb.open<StoredDoc, Key>({ path, encoding: 'json', overlappingSync: false, maxDbs: 8 }));
    root.catch(() => opened.delete(path));
    opened.set(path, root);
  }
  return root;
}

/** The local store in `dir` (created on first use). */
export function localDb(dir: string): LocalDb {
  const dbs = new Map<CollectionName, Promise<Database<StoredDoc, Key>>>();
  const db = (name: CollectionName): Promise<Database<StoredDoc, Key>> => {
    let d = dbs.get(name);
    if (!d) {
      d = openRoot(dir).then((root) => root.openDB<StoredDoc, Key>({ name, encoding: 'json' }));
      dbs.set(name, d);
    }
    return d;
  };
  return {
    collection: (name) => collection(() => db(name)),
    ping: async () => {
      await db('pipelines');
    },
  };
}

function collection(db: () => Promise<Database<StoredDoc, Key>>): LocalCollection {
  return {
    read: (pk, id) => guard(async () => (await db()).get([pk, id])),
    change: (pk, id, decide) =>
      guard(async () => {
        const d = await db();
        return d.transaction(() => {
          const before = d.get([pk, id]);
          const decision = decide(before);
          if (decision === undefined) return { before, after: before };
          if ('remove' in decision) {
            void d.remove([pk, id]);
            return { before, after: undefined };
          }
          const after: StoredDoc = { ...decision.put, _etag: `"${randomUUID()}"` };
          void d.put([pk, id], after);
          return { before, after };
        });
      }),
    scan: (pk) =>
      guard(async () => {
        const d = await db();
        const out: StoredDoc[] = [];
        for (const { key, value } of d.getRange(pk === undefined ? {} : { start: [pk, ''] })) {
          if (pk !== undefined && key[0] !== pk) break;
          out.push(value);
        }
        return out;
      }),
  };
}

/** A failure of the database itself (a full disk, a folder that cannot be opened) is transient to the caller. */
async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw errors.transient('The local store could not be read or written.', e);
  }
}
