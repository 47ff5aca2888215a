import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { withFileLock } from './file-lock.js';
import { cacheDir } from './paths.js';
import { silentSink, startProgress, type ProgressSink } from './progress.js';
import { runCapture, runLogged } from './run-command.js';

/*
 * The OCI registry of the local stack is Debian's `docker-registry` (CNCF distribution 2.8), and `skopeo` is the
 * independent client tests inspect images with. Both come as Debian packages, fetched with `apt-get download` and
 * unpacked with `dpkg-deb -x` into the cache: nothing is installed system-wide. skopeo links libgpgme, which a slim
 * system lacks, so its libraries come along and it runs with `LD_LIBRARY_PATH` pointing at them.
 */

/** The packages unpacked into the cache (the version is whatever the host's apt lists hold). */
export const registryDebs = ['docker-registry', 'skopeo', 'libgpgme11', 'libassuan0'] as const;

/** The unpacked tools: the registry binary, and skopeo with the environment it needs. */
export interface RegistryTools {
  registry: string;
  skopeo: { binary: string; env: Record<string, string> };
}

/** The unpacked packages, downloading them once into `<cache>/debs/registry/`. */
export async function ensureRegistryTools(log: (line: string) => void = () => {}, sink: ProgressSink = silentSink): Promise<RegistryTools> {
  const dir = join(cacheDir(), 'debs', 'registry');
  if (!existsSync(join(dir, 'root'))) {
    const progress = startProgress({ label: 'registry packages', sink });
    try {
      await withFileLock(`${dir}.lock`, 10 * 60_000, () => unpackDebs(dir, log), (owner) =>
        progress.update({ stage: `waiting for process ${owner ?? '?'}, which is fetching them` }),
      );
    } finally {
      progress.end();
    }
  }
  const root = join(dir, 'root');
  return {
    registry: join(root, 'usr', 'bin', 'docker-registry'),
    skopeo: { binary: join(root, 'usr', 'bin', 'skopeo'), env: { LD_LIBRARY_PATH: join(root, 'usr', 'lib', 'x86_64-linux-gnu') } },
  };
}

async function unpackDebs(dir: string, log: (line: string) => void): Promise<void> {
  if (existsSync(join(dir, 'root'))) return;
  // Unpack privately and publish with one rename, so a half-done fetch is never taken for a finished one.
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'debs'), { recursive: true });
  const logFile = `${dir}.fetch.log`;
  try {
    log(`fetching ${registryDebs.join(', ')} with apt-get download (log: ${logFile})`);
    const download = () => runLogged('apt-get', ['download', ...registryDebs], { cwd: join(tmp, 'debs'), logFile, timeoutMs: 10 * 60_000 });
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
    const missing = (await runCapture('ldd', [join(root, 'usr', 'bin', 'skopeo')], { env: { ...process.env, LD_LIBRARY_PATH: join(root, 'usr', 'lib', 'x86_64-linux-gnu') } }))
      .split('\n')
      .filter((l) => l.includes('not found'))
      .map((l) => l.trim().split(' ')[0]);
    if (missing.length > 0) throw new Error(`skopeo needs shared libraries no fetched package provides: ${missing.join(', ')}`);
    rmSync(join(tmp, 'debs'), { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    renameSync(root, join(dir, 'root'));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
