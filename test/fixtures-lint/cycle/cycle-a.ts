// Half of a deliberate import cycle (with cycle-b.ts): import-x/no-cycle must flag it (test/unit/lint-layers.test.ts).
import { b } from './cycle-b.js';

/** Reads a value from the other half of the cycle. */
export const a = (): string => `a${b()}`;
