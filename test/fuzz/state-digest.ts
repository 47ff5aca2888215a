import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CosmosClient } from '@azure/cosmos';
import type { AppHost } from '../support/app-host.js';

/*
 * The observable state of the app under fuzzing, as one digest: every pipeline with its ETag, every run with its ETag
 * (status, steps and lineage all change the ETag), every pipeline state and lifecycle record (champion, rollbacks,
 * scheduler bookkeeping) with its ETag, and every Durable instance with its runtime status. The trigger
 * log is left out on purpose: it records refused start requests (disabled, concurrency) by design, so a rejected
 * request may add to it. The schemathesis hook (`fuzz_hooks.py`) asks for the digest before each request and again after a
 * 4xx answer; a difference is a state change caused by a rejected request.
 *
 * The digest is read from the stores themselves, not through the API, so that a route that hides a record cannot
 * hide a change, and one call answers however many pipelines the fuzzer has created. Before reading, it waits for
 * the Durable engine to go idle: runs started by accepted requests fail at their first step (no ML stack here) and
 * keep changing their records until then, which must not be blamed on the next request.
 */

/** A loopback HTTP server answering `GET /digest` with `{"digest": "<sha256>"}`. */
export interface StateDigestServer {
  url: string;
  stop(): Promise<void>;
}

/** Digest of the app's pipelines, runs and Durable instances (see the comment above for what is left out and why). */
export async function stateDigest(app: AppHost, cosmos: CosmosClient): Promise<string> {
  const engine = app.durable.engine;
  if (!engine) throw new Error('the Durable engine is not running');
  await engine.idle();
  const database = cosmos.database(app.env.COSMOS_DATABASE ?? 'mlcycle');
  const rows: string[] = [];
  for (const name of ['pipelines', 'runs', 'lifecycle'] as const) {
    const { resources } = await database
      .container(name)
      .items.query<{ id: string; pipelineId?: string; _etag: string }>('SELECT c.id, c.pipelineId, c._etag FROM c')
      .fetchAll()
      .catch((e: unknown) => (isNotFound(e) ? { resources: [] } : Promise.reject(e instanceof Error ? e : new Error(String(e)))));
    // Ids are unique per partition only (each pipeline's state is `state`): the pipeline id is part of the row.
    for (const r of resources) rows.push(`${name}\0${r.pipelineId ?? ''}\0${r.id}\0${r._etag}`);
  }
  for (const s of engine.listInstances()) rows.push(`instance\0${s.instanceId}\0${s.runtimeStatus}`);
  rows.sort();
  return createHash('sha256').update(rows.join('\n')).digest('hex');
}

function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 404;
}

/** Serve `stateDigest` on a free loopback port for the schemathesis hook. */
export async function startStateDigestServer(app: AppHost): Promise<StateDigestServer> {
  const cosmos = new CosmosClient({ endpoint: app.env.COSMOS_ENDPOINT ?? '', key: app.env.COSMOS_KEY ?? '', connectionPolicy: { enableEndpointDiscovery: false } });
  const server: Server = createServer((req, res) => {
    if (req.url !== '/digest') {
      res.writeHead(404).end();
      return;
    }
    stateDigest(app, cosmos).then(
      (digest) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ digest })),
      (e: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(e instanceof Error ? e.message : String(e)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/digest`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
