import type { Stack } from '../start-stack.js';

/*
 * Which values of a run's settings are secrets, derived from the settings themselves rather than from a list kept by
 * hand: a setting whose name marks a secret (…KEY, …SECRET, …PASSWORD, …TOKEN, credentials, connection strings),
 * the credential parts of any connection string (an Azurite or Cosmos key counts, public or not), and the password
 * in any URL. Identifiers (`…_ID`, such as an S3 access key id) are not secrets.
 */

/** A secret to look for, by the name a report may show; the value is never shown. */
export interface NamedSecret {
  name: string;
  value: string;
}

/** The secrets to scan for, and the names of those too short to search for without false hits. */
export interface ConfiguredSecrets {
  scanned: NamedSecret[];
  tooShort: string[];
}

/** Shorter values would match by chance; they are reported instead of scanned. */
export const minSecretLength = 8;

const secretName = /KEY|SECRET|PASSWORD|PASSWD|PWD|TOKEN|CREDENTIAL|CONNECTION|(^|_)(PAT|SAS)(_|$)/i;
const identifierName = /_ID$/i;
/** Connection-string parts that carry a credential (Storage, Service Bus, Event Hubs, Cosmos, SQL). */
const credentialPart = /^(AccountKey|SharedAccessSignature|SharedAccessKey|AccessKey|Password|Pwd)$/i;

/** The credential parts of a `k=v;k=v` connection string, or nothing when the value is not one. */
function connectionStringCredentials(value: string): [string, string][] {
  if (!value.includes(';') || !value.includes('=')) return [];
  return value
    .split(';')
    .map((part): [string, string] => {
      const at = part.indexOf('=');
      return at < 0 ? ['', ''] : [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    })
    .filter(([k, v]) => credentialPart.test(k) && v !== '');
}

/** The password of a URL with credentials in it (`scheme://user:password@host`). */
function urlPassword(value: string): string | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(value)) return undefined;
  try {
    const password = new URL(value).password;
    return password === '' ? undefined : decodeURIComponent(password);
  } catch {
    return undefined;
  }
}

/** The secrets one setting holds, each named for a report. */
function secretsOfSetting(name: string, value: string): NamedSecret[] {
  const parts = connectionStringCredentials(value).map(([k, v]) => ({ name: `${name} ${k}`, value: v }));
  const password = urlPassword(value);
  if (password !== undefined) parts.push({ name: `${name} password`, value: password });
  if (parts.length > 0) return parts;
  return secretName.test(name) && !identifierName.test(name) ? [{ name, value }] : [];
}

/**
 * The secrets in a run's settings (app settings, environment) plus `extra`, secrets the run holds outside them
 * (a host's keys, the Durable system key, a stack's credentials). A value is listed once, under its first name.
 */
export function configuredSecrets(settings: Record<string, string | undefined>, extra: Record<string, string | undefined> = {}): ConfiguredSecrets {
  const all = [
    ...Object.entries(settings).flatMap(([k, v]) => (v ? secretsOfSetting(k, v) : [])),
    ...Object.entries(extra).flatMap(([k, v]) => (v ? [{ name: k, value: v }] : [])),
  ];
  const seen = new Set<string>();
  const scanned: NamedSecret[] = [];
  const tooShort: string[] = [];
  for (const s of all) {
    if (seen.has(s.value)) continue;
    seen.add(s.value);
    if (s.value.length < minSecretLength) tooShort.push(s.name);
    else scanned.push(s);
  }
  return { scanned, tooShort };
}

/** The credentials a running local stack holds of its own (MinIO's root password, Airflow's admin password and callback secret). */
export function stackSecrets(stack: Stack): Record<string, string> {
  const airflow = stack.airflow;
  return {
    'MinIO root password': stack.s3.secretAccessKey,
    'Registry password': stack.registry.password,
    ...(airflow ? { 'Airflow admin password': airflow.password, 'Airflow callback secret': airflow.callbackSecret } : {}),
  };
}
