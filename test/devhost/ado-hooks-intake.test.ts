import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startAppHost, type AppHost } from '../support/app-host.js';
import { pipelineRunDelivery, pushDelivery, type RepoIds } from '../support/ado-hook-payloads.js';

/*
 * `POST /api/hooks/azure-devops` on the dev host (real app, Cosmos server, Azurite): who may call it, what it refuses
 * and records, how it deduplicates, and that the queue behind it acts on what it accepted.
 */
const secret = 'test-webhook-secret-0123456789';
const repo: RepoIds = { id: '0f0f0f0f-0000-4000-8000-000000000001', name: 'nobody-watches', projectId: '0f0f0f0f-0000-4000-8000-000000000002', projectName: 'proj' };
let app: AppHost;

before(async () => {
  app = await startAppHost({ env: { ADO_WEBHOOK_SECRET: secret, ADO_WEBHOOK_USERNAME: 'mlcycle' } });
});
after(async () => app.stop());

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const post = (body: string | object, headers: Record<string, string> = { authorization: basic('mlcycle', secret) }) =>
  app.call('/api/hooks/azure-devops', { method: 'POST', key: null, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

type Delivery = { id: string; eventId?: string; decision: string; detail?: string; processedAt?: string; outcomes: unknown[] };
async function deliveries(): Promise<Delivery[]> {
  const res = await app.call('/api/hooks/azure-devops/deliveries?limit=100');
  assert.equal(res.status, 200);
  return ((await res.json()) as { items: Delivery[] }).items;
}

describe('Azure DevOps service hooks: intake', () => {
  it('refuses missing or wrong credentials with 401 and records nothing', async () => {
    const body = pushDelivery(repo, 'main', 'a'.repeat(40), 'b'.repeat(40));
    const before = (await deliveries()).length;
    for (const headers of [{}, { authorization: basic('mlcycle', 'wrong-secret-0123456789') }, { authorization: basic('intruder', secret) }, { 'x-mlcycle-webhook-secret': 'nope' }, { 'x-functions-key': 'test-function-key' }]) {
      const res = await post(body, headers);
      assert.equal(res.status, 401, JSON.stringify(headers));
      assert.equal((await res.json() as { code: string }).code, 'UNAUTHENTICATED');
    }
    assert.equal((await deliveries()).length, before);
  });

  it('accepts basic auth or the secret header, records the delivery and acts on it behind the answer', async () => {
    const body = pushDelivery(repo, 'main', 'a'.repeat(40), 'b'.repeat(40));
    const res = await post(body, { 'x-mlcycle-webhook-secret': secret });
    assert.equal(res.status, 202);
    const { deliveryId } = (await res.json()) as { deliveryId: string };
    const end = Date.now() + 20_000;
    let d: Delivery | undefined;
    while (!(d = (await deliveries()).find((x) => x.id === deliveryId && x.processedAt)) && Date.now() < end) {
      app.host.queueTriggers?.nudge();
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(d, 'the queue intake acted on the delivery');
    assert.match(d.detail ?? '', /no pipeline watches repository nobody-watches of project proj on main/);
  });

  it('a replayed delivery (same event id) is answered 200 and starts nothing; 1,000 concurrent copies are accepted once', async () => {
    const body = pushDelivery(repo, 'main', 'c'.repeat(40), 'd'.repeat(40));
    const answers = await Promise.all(Array.from({ length: 1000 }, () => post(body).then(async (r) => ({ status: r.status, body: (await r.json()) as { duplicate?: boolean } }))));
    assert.equal(answers.filter((a) => a.status === 202).length, 1);
    assert.equal(answers.filter((a) => a.status === 200 && a.body.duplicate === true).length, 999);
    const replay = await post({ ...body, notificationId: 99 });
    assert.equal(replay.status, 200);
    assert.equal((await deliveries()).filter((d) => d.eventId === body.id).length, 1);
  });

  it('refuses malformed JSON, an invalid resource and a 5 MiB body, recording why', async () => {
    const bad = await post('{"id": ');
    assert.equal(bad.status, 400);
    const invalid = await post({ ...pushDelivery(repo, 'main', 'a'.repeat(40), 'e'.repeat(40)), resource: { refUpdates: [], repository: { id: 'x' } } });
    assert.equal(invalid.status, 400);
    const fields = ((await invalid.json()) as { errors: { field: string }[] }).errors.map((e) => e.field);
    assert.ok(fields.includes('resource.repository.id') && fields.includes('resource.refUpdates'), fields.join());
    const huge = await post({ ...pushDelivery(repo, 'main', 'a'.repeat(40), 'e'.repeat(40)), padding: 'x'.repeat(5 * 1024 * 1024) });
    assert.equal(huge.status, 413);
    const rejected = (await deliveries()).filter((d) => d.decision === 'rejected').map((d) => d.detail ?? '');
    assert.ok(rejected.some((r) => /not valid JSON/.test(r)));
    assert.ok(rejected.some((r) => /resource\.repository\.id/.test(r)));
    assert.ok(rejected.some((r) => /PAYLOAD_TOO_LARGE/.test(r)));
  });

  it('answers 202 to an event type it does not act on, recording it as ignored', async () => {
    const res = await post({ ...pipelineRunDelivery(12, 1, 'x'), eventType: 'workitem.updated' });
    assert.equal(res.status, 202);
    assert.equal(((await res.json()) as { decision: string }).decision, 'ignored');
    assert.ok((await deliveries()).some((d) => d.decision === 'ignored' && /workitem\.updated/.test(d.detail ?? '')));
  });

  it('the delivery log needs the function key', async () => {
    assert.equal((await app.call('/api/hooks/azure-devops/deliveries', { key: null })).status, 401);
  });
});
