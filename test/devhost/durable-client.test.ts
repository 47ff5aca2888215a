import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fetchHistory } from '../../devhost/durable/history-recorder.js';
import { EventType } from '../../devhost/durable/history-events.js';
import { startHarness } from '../fixtures/durable-app/harness.js';
import type { Harness } from '../fixtures/durable-app/harness.js';

/*
 * The app's own HTTP functions call the real `df.getClient(context)` (durable-functions' DurableClient over axios)
 * against the engine's HTTP API on a loopback server.
 */

let h: Harness;
before(async () => {
  h = await startHarness({ http: true });
});
after(async () => {
  await h.close();
});

interface CheckStatus {
  id: string;
  statusQueryGetUri: string;
  sendEventPostUri: string;
  terminatePostUri: string;
  purgeHistoryDeleteUri: string;
  suspendPostUri: string;
  resumePostUri: string;
}

async function startViaHttp(name: string, id: string, input?: unknown): Promise<Response> {
  return fetch(`${h.origin}/api/start/${name}?id=${encodeURIComponent(id)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: input === undefined ? '' : JSON.stringify(input),
  });
}

// The ops endpoint returns whatever the DurableClient call gave; tests read it loosely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function op(name: string, id: string, query = '', body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${h.origin}/api/ops/${name}/${encodeURIComponent(id)}${query}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: res.status, json: await res.json() };
}

test('startNew + createCheckStatusResponse: 202, Location, and management URLs that work', async () => {
  const res = await startViaHttp('chain', 'http-chain', 7);
  assert.equal(res.status, 202);
  const body = (await res.json()) as CheckStatus;
  assert.equal(body.id, 'http-chain');
  assert.equal(res.headers.get('location'), body.statusQueryGetUri);
  assert.ok(body.statusQueryGetUri.startsWith(`${h.origin}/runtime/webhooks/durabletask/instances/http-chain?`), body.statusQueryGetUri);
  await h.until('http-chain', 'Completed');
  const status = await fetch(body.statusQueryGetUri);
  assert.equal(status.status, 200);
  const s = (await status.json()) as { runtimeStatus: string; output: unknown; input: unknown; createdTime: string };
  assert.equal(s.runtimeStatus, 'Completed');
  assert.deepEqual(s.output, { a: 14, b: 24 });
  assert.equal(s.input, 7);
  assert.match(s.createdTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const purge = await fetch(body.purgeHistoryDeleteUri, { method: 'DELETE' });
  assert.equal(purge.status, 200);
  assert.deepEqual(await purge.json(), { instancesDeleted: 1 });
  assert.equal((await fetch(body.statusQueryGetUri)).status, 404);
});

test('the client surfaces the 409 when the instance id is Running, and getStatus/raiseEvent work through it', async () => {
  const first = await startViaHttp('waiter', 'http-waiter');
  assert.equal(first.status, 202);
  const second = await startViaHttp('waiter', 'http-waiter');
  assert.equal(second.status, 409);
  const err = ((await second.json()) as { error: string }).error;
  assert.match(err, /unexpected status code: 409/);
  assert.match(err, /already exists/);

  const running = await op('status', 'http-waiter');
  assert.equal(running.status, 200);
  assert.equal(running.json.runtimeStatus, 'Running');
  assert.equal(running.json.name, 'waiter');
  assert.equal((await fetch(`${h.origin}/runtime/webhooks/durabletask/instances/http-waiter?code=${h.engine.systemKey}`)).status, 202);

  const raised = await op('raise', 'http-waiter', '?event=go', { n: 1 });
  assert.deepEqual(raised.json, { raised: true });
  await h.until('http-waiter', 'Completed');
  const done = await op('status', 'http-waiter', '?history=1');
  assert.equal(done.json.runtimeStatus, 'Completed');
  assert.deepEqual(done.json.output, { second: { n: 1 } });
  assert.ok(Array.isArray(done.json.history), 'showHistory returns the history');
  assert.ok((done.json.history as { EventType: number }[]).some((e) => e.EventType === EventType.EventRaised));

  // Raising to a finished instance resolves (410), to a missing one rejects (404).
  assert.deepEqual((await op('raise', 'http-waiter', '?event=go', 1)).json, { raised: true });
  const missing = await op('raise', 'nobody', '?event=go', 1);
  assert.equal(missing.status, 500);
  assert.match(missing.json.error, /No instance with ID 'nobody' found/);
  const missingStatus = await op('status', 'nobody');
  assert.match(missingStatus.json.error, /HTTP 404/);
});

test('terminate, suspend and resume through the client', async () => {
  await startViaHttp('waiter', 'http-term');
  await h.engine.idle();
  assert.deepEqual((await op('suspend', 'http-term')).json, { suspended: true });
  await h.until('http-term', 'Suspended');
  assert.deepEqual((await op('resume', 'http-term')).json, { resumed: true });
  await h.until('http-term', 'Running');
  assert.deepEqual((await op('terminate', 'http-term', '?reason=enough')).json, { terminated: true });
  const s = await h.until('http-term', 'Terminated');
  assert.equal(s.output, 'enough');
  assert.deepEqual((await op('terminate', 'http-term')).json, { terminated: true }, '410 on a finished instance resolves');
  assert.deepEqual((await op('purge', 'http-term')).json, { instancesDeleted: 1 });
  assert.deepEqual((await op('purge', 'http-term')).json, { instancesDeleted: 0 });
});

test('webhook-style management URLs: raise an event and read the history for a golden fixture', async () => {
  const res = await startViaHttp('statusy', 'http-statusy');
  const links = (await res.json()) as CheckStatus;
  await h.engine.waitFor('http-statusy', (s) => (s.customStatus as { stage?: string } | null)?.stage === 'two');
  const mid = (await (await fetch(links.statusQueryGetUri)).json()) as { customStatus: unknown };
  assert.deepEqual(mid.customStatus, { stage: 'two' });
  const bad = await fetch(links.sendEventPostUri.replace('{eventName}', 'go'), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
  assert.equal(bad.status, 400);
  const sent = await fetch(links.sendEventPostUri.replace('{eventName}', 'go'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify('via webhook'),
  });
  assert.equal(sent.status, 202);
  await h.until('http-statusy', 'Completed');
  const recorded = await fetchHistory(links.statusQueryGetUri);
  assert.equal(recorded.runtimeStatus, 'Completed');
  assert.deepEqual(recorded.output, { got: 'via webhook' });
  const completed = recorded.history.find((e) => e.EventType === EventType.TaskCompleted);
  assert.equal(completed?.Result, '2', 'showHistoryOutput includes results');
  const again = await fetch(links.terminatePostUri.replace('{text}', 'late'), { method: 'POST' });
  assert.equal(again.status, 410);
});

test('createHttpManagementPayload and getStatusBy', async () => {
  const payload = await op('payload', 'some-id');
  assert.equal(payload.json.id, 'some-id');
  assert.equal(payload.json.statusQueryGetUri, `${h.origin}/runtime/webhooks/durabletask/instances/some-id?taskHub=TestHubName&connection=Storage&code=${h.engine.systemKey}`);
  await startViaHttp('chain', 'http-list', 1);
  await h.until('http-list', 'Completed');
  const list = await op('list', 'x');
  const ids = (list.json as { instanceId: string; runtimeStatus: string }[]).map((s) => s.instanceId);
  assert.ok(ids.includes('http-list'));
  assert.ok((list.json as { runtimeStatus: string }[]).every((s) => s.runtimeStatus === 'Completed'));
});

test('the raw API answers 404 for unknown routes and 400 for a bad start body', async () => {
  const key = { 'x-functions-key': h.engine.systemKey };
  assert.equal((await fetch(`${h.origin}/runtime/webhooks/durabletask/nothing`, { headers: key })).status, 404);
  const bad = await fetch(`${h.origin}/runtime/webhooks/durabletask/orchestrators/chain`, { method: 'POST', headers: key, body: '{not json' });
  assert.equal(bad.status, 400);
  const unknown = await fetch(`${h.origin}/runtime/webhooks/durabletask/orchestrators/nope`, { method: 'POST', headers: key, body: '' });
  assert.equal(unknown.status, 400);
  const conflictFree = await fetch(`${h.origin}/runtime/webhooks/durabletask/orchestrators/chain/raw-1`, { method: 'POST', headers: key, body: '3' });
  assert.equal(conflictFree.status, 202);
  assert.equal(((await conflictFree.json()) as { id: string }).id, 'raw-1');
});
