import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDashboardWorld, type DashboardWorld } from '../support/dashboard-world.js';

/*
 * GET /api/pipelines-overview on the dev host over the fakes: each pipeline with its champion, newest run and next
 * cron slot in one read, paged like every list.
 */
interface OverviewItem {
  pipeline: { id: string; enabled: boolean; description?: string; schedule?: { cron: string; timeZone: string } };
  champion?: { version: string; since: string; how: string; primaryMetric?: { name: string; value: number } };
  lastRun?: { id: string; status: string; kind: string; createdAt: string; startedAt?: string; finishedAt?: string };
  nextSlot?: string;
}
interface OverviewPage {
  items: OverviewItem[];
  continuationToken?: string;
  nextLink?: string;
}

let world: DashboardWorld;
before(async () => {
  world = await startDashboardWorld({ trainingMs: 200 });
});
after(async () => world?.stop());

async function overview(query = ''): Promise<OverviewPage> {
  const res = await world.api(`/api/pipelines-overview${query}`);
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as OverviewPage;
}

async function problem(res: Response, status: number, field?: string): Promise<void> {
  assert.equal(res.status, status, await res.clone().text());
  assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
  const body = (await res.json()) as { errors?: { field: string; message: string }[] };
  if (field) assert.ok(body.errors?.some((e) => e.field === field), JSON.stringify(body));
}

describe('GET /api/pipelines-overview', () => {
  it('is empty with no pipelines', async () => {
    assert.deepEqual(await overview(), { items: [] });
  });

  it('shows each pipeline with its champion, newest run and next slot', async () => {
    await world.pipeline('ov-scheduled', { description: 'Nightly', schedule: { cron: '0 2 * * *', timeZone: 'Europe/Paris' } });
    await world.pipeline('ov-disabled', { enabled: false, schedule: { cron: '0 2 * * *', timeZone: 'UTC' } });
    world.fakes.metrics.set('ov-scheduled', { auc: 0.91, precision: 0.8 });
    const runId = await world.startRun('ov-scheduled');
    await world.waitForStatus(runId, ['succeeded']);

    const { items } = await overview();
    const scheduled = items.find((i) => i.pipeline.id === 'ov-scheduled');
    const disabled = items.find((i) => i.pipeline.id === 'ov-disabled');
    assert.ok(scheduled && disabled, JSON.stringify(items));
    assert.deepEqual(scheduled.pipeline, { id: 'ov-scheduled', enabled: true, description: 'Nightly', schedule: { cron: '0 2 * * *', timeZone: 'Europe/Paris' } });
    assert.equal(scheduled.champion?.version, '1');
    assert.equal(scheduled.champion?.how, 'promoted');
    assert.deepEqual(scheduled.champion?.primaryMetric, { name: 'auc', value: 0.91 });
    assert.equal(scheduled.lastRun?.id, runId);
    assert.equal(scheduled.lastRun?.status, 'succeeded');
    assert.ok(scheduled.lastRun?.finishedAt && scheduled.lastRun.startedAt);
    // 02:00 in Paris is 00:00 or 01:00 UTC, within a day from now.
    const slot = new Date(scheduled.nextSlot ?? '');
    assert.ok(slot.getTime() > Date.now() && slot.getTime() <= Date.now() + 86_400_000, scheduled.nextSlot);
    assert.match(scheduled.nextSlot ?? '', /T0[01]:00:00\.000Z$/);
    // A disabled pipeline starts nothing on its schedule: no next slot, no champion, no run.
    assert.deepEqual(disabled, { pipeline: { id: 'ov-disabled', enabled: false, schedule: { cron: '0 2 * * *', timeZone: 'UTC' } } });
  });

  it('pages with the continuation token and a next link', async () => {
    const first = await overview('?limit=1');
    assert.equal(first.items.length, 1);
    assert.ok(first.continuationToken && first.nextLink);
    assert.match(first.nextLink, /^\/api\/pipelines-overview\?/);
    const second = await overview(`?limit=1&continuationToken=${encodeURIComponent(first.continuationToken)}`);
    assert.equal(second.items.length, 1);
    assert.notEqual(second.items[0]?.pipeline.id, first.items[0]?.pipeline.id);
  });

  it('refuses bad input and anonymous callers with problem+json', async () => {
    await problem(await world.api('/api/pipelines-overview?limit=0'), 400, 'limit');
    await problem(await world.api('/api/pipelines-overview?limit=101'), 400, 'limit');
    await problem(await fetch(`${world.baseUrl}/api/pipelines-overview`), 401);
  });
});
