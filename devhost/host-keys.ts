import { randomBytes } from 'node:crypto';

/*
 * The dev host's function and master keys. The documented defaults are public (the README prints them), so they only
 * stand while the operator has set neither key: setting one says the host is meant to be private, and then a key left
 * unset (or at its public default) is generated at random for this run instead, and printed once on stdout by
 * main.ts, the way Core Tools shows keys, never through the structured logger.
 */

/** The documented local dev keys, used only when neither key is set. */
export const documentedKeys = { functionKey: 'mlcycle-local-dev-key', masterKey: 'mlcycle-local-master-key' } as const;

/** The keys the host runs with, and which settings were generated because they were left unset. */
export interface HostKeys {
  functionKey: string;
  masterKey: string;
  generated: ('MLCYCLE_FUNCTION_KEY' | 'MLCYCLE_MASTER_KEY')[];
}

/** A key too long to guess: 32 random bytes, base64url. */
export function randomKey(): string {
  return randomBytes(32).toString('base64url');
}

/** Resolve the keys from the settings (`MLCYCLE_FUNCTION_KEY`, `MLCYCLE_MASTER_KEY`); see the file comment. */
export function resolveHostKeys(settings: Record<string, string | undefined>): HostKeys {
  const own = (value: string | undefined, publicDefault: string): string | undefined => (value && value !== publicDefault ? value : undefined);
  const functionKey = own(settings.MLCYCLE_FUNCTION_KEY, documentedKeys.functionKey);
  const masterKey = own(settings.MLCYCLE_MASTER_KEY, documentedKeys.masterKey);
  if (functionKey === undefined && masterKey === undefined) return { ...documentedKeys, generated: [] };
  const generated: HostKeys['generated'] = [];
  if (functionKey === undefined) generated.push('MLCYCLE_FUNCTION_KEY');
  if (masterKey === undefined) generated.push('MLCYCLE_MASTER_KEY');
  return { functionKey: functionKey ?? randomKey(), masterKey: masterKey ?? randomKey(), generated };
}
