import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startAppHost, type AppHost } from '../support/app-host.js';

/* Schedules are validated when a pipeline is registered: a bad cron or time zone is refused, naming the field. */
let app: AppHost;
const jsonHeaders = { 'content-type': 'application/json' };
const example = JSON.parse(readFileSync(new URL('../../examples/pipeline.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const pipeline = (schedule: unknown) => JSON.stringify({ ...example, schedule });

before(async () => {
  app = await startAppHost();
});
after(async () => app.stop());

describe('pipeline schedules', () => {
  it('accepts 6-field (seconds first) and 5-field crons in an IANA time zone', async () => {
    assert.equal((await app.call('/api/pipelines/six', { method: 'PUT', headers: jsonHeaders, body: pipeline({ cron: '0 0 6 * * 1', timeZone: 'UTC' }) })).status, 201);
    assert.equal((await app.call('/api/pipelines/five', { method: 'PUT', headers: jsonHeaders, body: pipeline({ cron: '30 7 * * 1-5', timeZone: 'Europe/Paris' }) })).status, 201);
  });

  it('refuses an invalid cron or time zone, naming the field, and stores nothing', async () => {
    const badCron = await app.call('/api/pipelines/bad-cron', { method: 'PUT', headers: jsonHeaders, body: pipeline({ cron: 'every monday', timeZone: 'UTC' }) });
    assert.equal(badCron.status, 400);
    assert.equal(((await badCron.json()) as { errors: { field: string }[] }).errors[0]?.field, 'schedule.cron');
    const badZone = await app.call('/api/pipelines/bad-zone', { method: 'PUT', headers: jsonHeaders, body: pipeline({ cron: '0 0 6 * * 1', timeZone: 'Mars/Olympus' }) });
    assert.equal(badZone.status, 400);
    assert.equal(((await badZone.json()) as { errors: { field: string }[] }).errors[0]?.field, 'schedule.timeZone');
    assert.equal((await app.call('/api/pipelines/bad-cron')).status, 404);
  });
});
