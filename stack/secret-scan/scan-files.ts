import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { minSecretLength, type ConfiguredSecrets, type NamedSecret } from './configured-secrets.js';
import { encodedForms } from './encodings.js';

/*
 * The scan itself: every log a run wrote (any `*.log` file, anything under a `logs/` folder: service logs, Airflow's
 * task and component logs, a captured console) and every file of its durable histories, searched byte-wise for each
 * configured secret in each of its encodings. Other state (databases, object data, the stack's own credential files)
 * is not a log and is left alone. A hit names the file and the secret, never its value.
 */

/** Where a run keeps what it wrote: folders searched for logs, folders whose every file is a durable history. */
export interface ScanRoots {
  logs: string[];
  histories: string[];
}

/** A secret found in a file: the secret's name and the form it was in. */
export interface SecretHit {
  file: string;
  secret: string;
  encoding: string;
}

/** What a scan looked at and found. */
export interface ScanReport {
  files: string[];
  hits: SecretHit[];
  /** Secrets not searched for because they are too short (see `minSecretLength`). */
  tooShort: string[];
}

const isLog = (rel: string) => /\.log(\.\d+)?$/.test(rel) || rel.split('/').includes('logs');

/** Regular files under `dir` (symbolic links are not followed) whose path below `dir` passes `keep`. */
function filesUnder(dir: string, keep: (rel: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && keep(relative(dir, p))) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** The files a scan reads under `roots`, each once, in a stable order. */
export function runFiles(roots: ScanRoots): string[] {
  const files = new Set([...roots.logs.flatMap((d) => filesUnder(d, isLog)), ...roots.histories.flatMap((d) => filesUnder(d, () => true))]);
  return [...files].sort();
}

/** Every (file, secret, encoding) where a form of a secret occurs; a secret counts once per file. */
export function scanFiles(files: string[], secrets: NamedSecret[]): SecretHit[] {
  const needles = secrets.map((s) => ({ name: s.name, forms: encodedForms(s.value) }));
  const hits: SecretHit[] = [];
  for (const file of files) {
    // A file can vanish between listing and reading (a rotated log, a journal replaced on continueAsNew).
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch {
      continue;
    }
    for (const { name, forms } of needles) {
      const form = forms.find((f) => content.includes(f.bytes));
      if (form) hits.push({ file, secret: name, encoding: form.encoding });
    }
  }
  return hits;
}

/** Scan a run's logs and durable histories for its configured secrets. */
export function scanRunFiles(opts: { roots: ScanRoots; secrets: ConfiguredSecrets }): ScanReport {
  const files = runFiles(opts.roots);
  return { files, hits: scanFiles(files, opts.secrets.scanned), tooShort: opts.secrets.tooShort };
}

/** A report for people: `secret scan: N files, N hits`, then each hit by file (relative to `base`) and secret name. */
export function describeScan(report: ScanReport, base?: string): string {
  const show = (file: string) => (base ? relative(base, file) : file);
  const lines = [`secret scan: ${report.files.length} files, ${report.hits.length} hits`];
  for (const h of report.hits) lines.push(`  ${show(h.file)}: ${h.secret} (${h.encoding})`);
  if (report.tooShort.length > 0) lines.push(`  shorter than ${minSecretLength} characters, not scanned: ${report.tooShort.join(', ')}`);
  return lines.join('\n');
}
