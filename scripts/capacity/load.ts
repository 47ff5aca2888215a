import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resultPath } from '../../bench/results/save.js';
import { dayFiguresSchema, orchestrationFiguresSchema, schedulerFiguresSchema, type Figures } from './figures.js';

const root = new URL('../../', import.meta.url);
/** The generated document. */
export const capacityDocPath = fileURLToPath(new URL('docs/capacity.md', root));

const read = (name: string): unknown => JSON.parse(readFileSync(resultPath(name), 'utf8'));

/** The committed figures, validated. */
export function loadFigures(): Figures {
  return { day: dayFiguresSchema.parse(read('day')), orchestration: orchestrationFiguresSchema.parse(read('orchestration')), scheduler: schedulerFiguresSchema.parse(read('scheduler')) };
}
