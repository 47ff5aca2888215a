// The other half of the deliberate import cycle with cycle-a.ts.
import { a } from './cycle-a.js';

/** Reads a value from the other half of the cycle. */
export const b = (): string => (a.length > 0 ? 'b' : '');
