/*
 * `npm run capacity`: compute docs/capacity.md from the measured figures in bench/results/ (the last JSON lines of
 * `bench:day`, `bench:orchestration` and `bench:scheduler`) and the price table in scripts/capacity/prices.ts.
 */
import { writeFileSync } from 'node:fs';
import { capacityDocPath, loadFigures } from './capacity/load.js';
import { renderCapacity } from './capacity/render.js';

writeFileSync(capacityDocPath, renderCapacity(loadFigures()));
console.log(`wrote ${capacityDocPath}`);
