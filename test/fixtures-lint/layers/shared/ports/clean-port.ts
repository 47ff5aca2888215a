// Passes the core rule: a port speaks in domain types only.
import type { Fingerprint } from '../domain/clean-fingerprint.js';

/** A port in the domain's own terms. */
export interface FingerprintStore {
  save(fingerprint: Fingerprint): Promise<void>;
}
