import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { capacityDocPath, loadFigures } from '../../scripts/capacity/load.js';
import { dayAt } from '../../scripts/capacity/model.js';
import { renderCapacity } from '../../scripts/capacity/render.js';

describe('docs/capacity.md', () => {
  it('is what `npm run capacity` computes from the committed bench figures', () => {
    assert.equal(readFileSync(capacityDocPath, 'utf8'), renderCapacity(loadFigures()), 'run `npm run capacity` and commit docs/capacity.md');
  });

  it('scales the measured day: at its own size it gives back the counted figures', () => {
    const f = loadFigures();
    const same = dayAt(f, f.day.pipelines);
    assert.equal(Math.round(same.executions), f.day.executions);
    assert.equal(Math.round(same.historyEvents), f.day.historyEvents);
    assert.equal(Math.round(same.storeOps), f.day.storeOps);
    assert.equal(Math.round(same.runs), f.day.runsStarted);
  });
});
