import { AppError, type FieldIssue } from '../domain/errors.js';
import { toFieldIssues } from '../domain/zod-issues.js';
import { toConfig, type Config } from './config.js';
import { envSchema } from './schema.js';

const keyVaultReference = /^@Microsoft\.KeyVault\(/i;

/**
 * Parse the environment once. Returns the config, or a CONFIG error listing every problem by setting name.
 * Values are never echoed: a message names the setting and what is wrong with it, nothing more.
 */
export function loadConfig(env: Record<string, string | undefined>): Config | AppError {
  const issues: FieldIssue[] = [];
  // An unresolved Key Vault reference is passed through verbatim by App Service; treat it as missing, never as a value.
  for (const [key, value] of Object.entries(env)) {
    if (typeof value === 'string' && keyVaultReference.test(value.trim())) {
      issues.push({ field: key, message: 'is an unresolved Key Vault reference (check the identity and the secret URI)' });
    }
  }
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    for (const issue of toFieldIssues(parsed.error)) {
      // zod messages can quote the received value for enums/literals; keep only the generic part.
      issues.push({ field: issue.field, message: redactReceived(issue.message) });
    }
  }
  if (issues.length > 0 || !parsed.success) {
    const list = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
    return new AppError('CONFIG', `Invalid configuration: ${list}`, { issues });
  }
  return toConfig(parsed.data);
}

function redactReceived(message: string): string {
  return message.replace(/,?\s*received\s+.*$/i, '');
}
