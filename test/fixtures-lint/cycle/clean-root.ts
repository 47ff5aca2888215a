// Imports a leaf that imports nothing back: no cycle.
import { leaf } from './clean-leaf.js';

/** Reads the leaf. */
export const root = (): string => `root${leaf()}`;
