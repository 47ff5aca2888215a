// Passes the core rule: pure built-ins (hashing) are fine in domain code.
import { createHash } from 'node:crypto';

/** A content hash, as hex. */
export type Fingerprint = string;

/** Hashes a text. */
export function fingerprintOf(text: string): Fingerprint {
  return createHash('sha256').update(text).digest('hex');
}
