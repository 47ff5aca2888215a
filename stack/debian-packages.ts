import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { withFileLock } from './file-lock.js';
import { cacheDir } from './paths.js';
import { silentSink, startProgress, type ProgressSink } from './progress.js';
import { runCapture, runLogged } from './run-command.js';

/*
 * Servers and tools the stack takes from Debian: packages fetched with `apt-get download` and unpacked with
 * `dpkg-deb -x` into the cache, so nothing is installed system-wide and no root is needed. Binaries run from the
 * unpacked tree with `LD_LIBRARY_PATH` pointing at the libraries that came along.
 */

/** What to fetch into `<cache>/debs/<name>/root`, and which binaries must then find all their libraries. */
export interface DebianBundle {
  name: string;
  label: string;
  packages: readonly string[];
  /** Paths under the unpacked root checked with `ldd` before the bundle is published. */
  binaries: readonly string[];
}

/** The unpacked root of a bundle, fetching it once. */
export async function ensureDebianBundle(bundle: DebianBundle, log: (line: string) => void = () => {}, sink: ProgressSink = silentSink): Promise<string> {
  const dir = join(cacheDir(), 'debs', bundle.name);
  if (!existsSync(join(dir, 'root'))) {
    const progress = startProgress({ label: bundle.label, sink });
    try {
      progress.update({ stage: `fetching ${bundle.packages.length} Debian packages` });
      await withFileLock(`${dir}.lock`, 10 * 60_000, () => unpackDebs(dir, bundle, log), (owner) =>
        progress.update({ stage: `waiting for process ${owner ?? '?'}, which is fetching them` }),
      );
    } finally {
      progress.end();
    }
  }
  return join(dir, 'root');
}

/** The library directory of an unpacked root (for `LD_LIBRARY_PATH`). */
export function bundleLibDir(root: string): string {
  return join(root, 'usr', 'lib', 'x86_64-linux-gnu');
}

async function unpackDebs(dir: string, bundle: DebianBundle, log: (line: string) => void): Promise<void> {
  if (existsSync(join(dir, 'root'))) return;
  // Unpack privately and publish with one rename, so a half-done fetch is never taken for a finished one.
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'debs'), { recursive: true });
  const logFile = `${dir}.fetch.log`;
  try {
    log(`fetching ${bundle.packages.join(', ')} with apt-get download (log: ${logFile})`);
    const download = () => runLogged('apt-get', ['download', ...bundle.packages], { cwd: join(tmp, 'debs'), logFile, timeoutMs: 10 * 60_000 });
    try {
      await download();
    } catch {
      // The usual cause is a container whose package lists were never fetched.
      await runLogged('apt-get', ['update'], { logFile, timeoutMs: 10 * 60_000 });
      await download();
    }
    for (const deb of readdirSync(join(tmp, 'debs')).filter((f) => f.endsWith('.deb'))) {
      await runLogged('dpkg-deb', ['-x', join(tmp, 'debs', deb), join(tmp, 'root')], { logFile });
    }
    const root = join(tmp, 'root');
    const env = { ...process.env, LD_LIBRARY_PATH: bundleLibDir(root) };
    for (const binary of bundle.binaries) {
      const missing = (await runCapture('ldd', [join(root, binary)], { env }))
        .split('\n')
        .filter((l) => l.includes('not found'))
        .map((l) => l.trim().split(' ')[0]);
      if (missing.length > 0) throw new Error(`${binary} needs shared libraries no fetched package provides: ${missing.join(', ')}`);
    }
    rmSync(join(tmp, 'debs'), { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    renameSync(root, join(dir, 'root'));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
