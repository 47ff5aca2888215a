import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { FakeTrainingScheduler } from '../fakes/fake-scheduler.js';
import { FakeSourceRepository } from '../fakes/fake-source.js';
import { ListIndex } from '../fakes/list-index.js';
import { World } from '../fakes/world.js';
import { fakeServices } from '../fakes/fake-services.js';

// The fakes index what they store so a day of 10,000 pipelines does not scan every item per call; these check that
// the indexes answer as the scans did, including for a world the index did not see being built.

const source = { kind: 'localGit' as const, path: 'repos/a', branch: 'main' };
const other = { kind: 'localGit' as const, path: 'repos/b', branch: 'main' };

describe('fake indexes', () => {
  it('ListIndex follows appends, and starts afresh when the list is replaced or shrinks', () => {
    const index = new ListIndex<{ k: string; n: number }>((x) => x.k);
    const list = [{ k: 'a', n: 1 }];
    assert.deepEqual(index.get(list, 'a'), [{ k: 'a', n: 1 }]);
    list.push({ k: 'b', n: 2 }, { k: 'a', n: 3 });
    assert.deepEqual(index.get(list, 'a').map((x) => x.n), [1, 3]);
    list.length = 1;
    assert.deepEqual(index.get(list, 'b'), []);
    assert.deepEqual(index.get([{ k: 'b', n: 9 }], 'b').map((x) => x.n), [9]);
  });

  it('the fake source reads one commit tree the same from an indexed world and from a persisted one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlcycle-fake-index-'));
    try {
      const file = path.join(dir, 'world.json');
      const fresh = new FakeSourceRepository(new World(file));
      fresh.commit(source, 'main', 'c1', { 'src/a.py': 'a', 'src/b.py': 'b', Dockerfile: 'FROM x' });
      fresh.commit(other, 'main', 'c1', { 'src/a.py': 'other' });
      fresh.commit(source, 'main', 'c2', { 'src/a.py': 'a', 'src/b.py': 'B', Dockerfile: 'FROM x' });
      const loaded = new FakeSourceRepository(new World(file));
      for (const repo of [fresh, loaded]) {
        assert.equal((await repo.objectId(source, 'c1', 'src'))?.type, 'tree');
        assert.deepEqual((await repo.compareCommits(source, 'c1', 'c2')).paths, ['src/b.py']);
        assert.equal(await repo.objectId(source, 'c1', 'nowhere'), null);
      }
      for (const p of ['.', 'src', 'Dockerfile']) assert.deepEqual(await loaded.objectId(source, 'c1', p), await fresh.objectId(source, 'c1', p), p);
      assert.notDeepEqual(await fresh.objectId(source, 'c1', 'src'), await fresh.objectId(source, 'c2', 'src'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the fake Airflow announces a finished dag run once, and again when asked to', async () => {
    let now = 0;
    const { fakes } = fakeServices({ now: () => now });
    const airflow: FakeTrainingScheduler = fakes.scheduler;
    await airflow.trigger({ dagId: 'd', dagRunId: 'r1', conf: {} });
    await airflow.trigger({ dagId: 'd', dagRunId: 'r2', conf: {} });
    assert.deepEqual(airflow.unannounced().map((r) => r.dagRunId), ['r1', 'r2']);
    now = airflow.durationMs;
    const done = airflow.takeFinished(now);
    assert.deepEqual(done.map((r) => r.dagRunId), ['r1', 'r2']);
    assert.deepEqual(airflow.takeFinished(now), []);
    assert.deepEqual(airflow.unannounced(), []);
    airflow.announceAgain(done[1]!);
    assert.deepEqual(airflow.takeFinished(now).map((r) => r.dagRunId), ['r2']);
  });

  it('the fake event publisher keeps an event id once, also after the list was cleared', async () => {
    const { fakes } = fakeServices();
    const event = { id: 'e1' } as Parameters<typeof fakes.events.publish>[0];
    await fakes.events.publish(event);
    await fakes.events.publish(event);
    assert.equal(fakes.events.published.length, 1);
    fakes.world.state.events.length = 0;
    await fakes.events.publish(event);
    assert.equal(fakes.events.published.length, 1);
  });
});
