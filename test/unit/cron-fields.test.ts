import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeCronFields } from '../../shared/domain/schedule/cron-fields.js';
import { cronPattern, cronProblem, latestSlot } from '../../shared/domain/schedule/cron.js';

describe('cron fields as people write them', () => {
  it('rewrites repeated values and wrapping ranges as the values they mean', () => {
    assert.equal(normalizeCronFields('4,4 * * * *'), '4 * * * *');
    assert.equal(normalizeCronFields('0 22-2/2 * * *'), '0 0,2,22 * * *');
    assert.equal(normalizeCronFields('0 9 * * 5-1'), '0 9 * * 0,1,5,6');
    assert.equal(normalizeCronFields('0 9 * * 0,7'), '0 9 * * 0');
    assert.equal(normalizeCronFields('0 0 1,1-3 * *'), '0 0 1,2,3 * *');
    // `*` fields, names and other syntax are cron-parser's to read.
    assert.equal(normalizeCronFields('*/5 * * JAN MON-FRI'), '*/5 * * JAN MON-FRI');
    assert.equal(normalizeCronFields('5/10 * * * *'), '5/10 * * * *');
  });

  it('accepts what it rewrites and schedules by its meaning', () => {
    for (const cron of ['4,4 * * * *', '0 22-2 * * *', '0 9 * * 5-1', '0 9 * * 0,7', '0 0 1,1-3 * *', '0 0 28-1 * *']) {
      assert.equal(cronProblem(cron), null, cron);
      assert.ok(cronPattern.test(cron), cron);
    }
    // Hours 22 to 2 wrap midnight: at 01:30 the latest slot is 01:00, at 21:30 it is 02:00.
    assert.equal(latestSlot('0 22-2 * * *', 'UTC', new Date('2026-03-02T01:30:00Z'))?.toISOString(), '2026-03-02T01:00:00.000Z');
    assert.equal(latestSlot('0 22-2 * * *', 'UTC', new Date('2026-03-02T21:30:00Z'))?.toISOString(), '2026-03-02T02:00:00.000Z');
    assert.match(cronProblem('0 0 30 2 *') ?? '', /not a valid cron/);
  });

  it('every expression the OpenAPI pattern admits has a next occurrence', () => {
    // A seeded generator of pattern-shaped expressions: valid-by-schema must mean accepted.
    let seed = 7;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const ranges: Array<[number, number]> = [[0, 59], [0, 59], [0, 23], [1, 28], [1, 12], [0, 7]];
    const value = ([min, max]: [number, number]): number => min + rand(max - min + 1);
    const item = (r: [number, number]): string => {
      const kind = rand(4);
      if (kind === 0) return String(value(r));
      if (kind === 1) return `${value(r)}-${value(r)}`;
      return `${value(r)}-${value(r)}/${1 + rand(30)}`;
    };
    const field = (r: [number, number]): string => {
      const kind = rand(5);
      if (kind === 0) return '*';
      if (kind === 1) return `*/${1 + rand(99)}`;
      return Array.from({ length: 1 + rand(3) }, () => item(r)).join(',');
    };
    for (let i = 0; i < 2000; i++) {
      const fields = ranges.slice(rand(2) === 0 ? 0 : 1).map(field);
      const cron = fields.join(' ');
      assert.ok(cronPattern.test(cron), cron);
      assert.equal(cronProblem(cron), null, cron);
    }
  });
});
