import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LifecycleRecord } from '../../shared/domain/pipeline-state.js';
import type { PipelineStateStore } from '../../shared/ports/pipeline-state-store.js';

/** The clock the state store under test is given (new states take their times from it). */
export const contractNow = new Date('2026-03-02T06:00:00.000Z');

/**
 * The contract every pipeline state store passes (Cosmos against the Cosmos server, the local store on disk); `open`
 * builds the store with `contractNow` as its clock.
 */
export function pipelineStateContract(label: string, open: () => Promise<{ states: PipelineStateStore; stop(): Promise<void> }>): void {
  let states: PipelineStateStore;
  let opened: { states: PipelineStateStore; stop(): Promise<void> } | undefined;
  const now = contractNow;
  before(async () => {
    opened = await open();
    states = opened.states;
  });
  after(async () => opened?.stop());

  const record = (id: string, pipelineId: string, at: string): LifecycleRecord => ({ id, pipelineId, kind: 'rolled-back', modelName: 'churn', fromVersion: '3', toVersion: '2', at });

  describe(`${label}: pipeline state store`, () => {
    it('creates the state on the first update and re-applies a mutation that lost a race', async () => {
      assert.equal(await states.get('p1'), null);
      const first = await states.update('p1', (s) => ({ ...s, eventSeq: s.eventSeq + 1 }));
      assert.equal(first.eventSeq, 1);
      await Promise.all(Array.from({ length: 5 }, () => states.update('p1', (s) => ({ ...s, eventSeq: s.eventSeq + 1 }))));
      assert.equal((await states.get('p1'))?.eventSeq, 6, 'no increment is lost');
      const unchanged = await states.update('p1', () => null);
      assert.equal(unchanged.etag, (await states.get('p1'))?.etag, 'null writes nothing');
    });

    it('finds the states that are due, and only those', async () => {
      await states.update('due-a', (s) => ({ ...s, nextDueAt: '2026-03-02T05:59:00.000Z' }));
      await states.update('due-b', (s) => ({ ...s, nextDueAt: '2026-03-02T06:00:00.000Z' }));
      await states.update('later', (s) => ({ ...s, nextDueAt: '2026-03-02T06:01:00.000Z' }));
      await states.update('never', (s) => s);
      const due = await states.due(now, { limit: 100 });
      assert.deepEqual(due.items.map((s) => s.pipelineId).sort(), ['due-a', 'due-b']);
    });

    it('keeps lifecycle records once, lists them newest first, and deletes them with the state', async () => {
      assert.equal((await states.record(record('r1', 'p2', '2026-03-01T00:00:00.000Z'))).created, true);
      const again = await states.record({ ...record('r1', 'p2', '2026-03-05T00:00:00.000Z'), by: 'someone else' });
      assert.equal(again.created, false);
      assert.equal(again.record.at, '2026-03-01T00:00:00.000Z', 'the first record stays');
      await states.record(record('r2', 'p2', '2026-03-02T00:00:00.000Z'));
      await states.update('p2', (s) => ({ ...s, nextDueAt: '2026-01-01T00:00:00.000Z' }));
      assert.deepEqual((await states.listRecords('p2', { limit: 10 })).items.map((r) => r.id), ['r2', 'r1']);
      await states.delete('p2');
      assert.equal(await states.get('p2'), null);
      assert.deepEqual((await states.listRecords('p2', { limit: 10 })).items, []);
    });
  });
}
