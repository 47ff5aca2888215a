import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { goStages, reportStages } from './build-stages.js';
import { withFileLock } from './file-lock.js';
import { cacheDir } from './paths.js';
import { silentSink, startProgress, type Progress, type ProgressSink } from './progress.js';
import { runLogged } from './run-command.js';

/*
 * The S3 server of the local stack is MinIO, built from source with `go install` through the Go module proxy
 * (a cold build takes about three minutes on two cores). The version is pinned: MinIO tags releases as
 * `RELEASE.<date>`, which Go does not read as semver, so the pin is the module's pseudo-version of that commit.
 */

export const minioModule = 'github.com/minio/minio';
export const minioVersion = 'v0.0.0-20260212201848-7aac2a2c5b7c';

/** The MinIO binary: `MLCYCLE_MINIO_BINARY` if set, else built (once) into `<cache>/bin/minio-<version>/minio`. */
export async function ensureMinio(log: (line: string) => void = () => {}, sink: ProgressSink = silentSink): Promise<string> {
  if (process.env.MLCYCLE_MINIO_BINARY) return process.env.MLCYCLE_MINIO_BINARY;
  const dir = join(cacheDir(), 'bin', `minio-${minioVersion}`);
  const binary = join(dir, 'minio');
  if (existsSync(binary)) return binary;
  const progress = startProgress({ label: 'MinIO build', sink });
  try {
    return await withFileLock(`${dir}.lock`, 60 * 60_000, () => buildMinio(dir, log, progress), (owner) =>
      progress.update({ stage: `waiting for process ${owner ?? '?'}, which is building it` }),
    );
  } finally {
    progress.end();
  }
}

async function buildMinio(dir: string, log: (line: string) => void, progress: Progress): Promise<string> {
  const binary = join(dir, 'minio');
  if (existsSync(binary)) return binary;
  // A binary is relocatable, so build into a private directory and publish it with one rename.
  const tmp = `${dir}.tmp-${process.pid}`;
  const logFile = `${dir}.build.log`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const started = Date.now();
  progress.clear();
  log(`building MinIO ${minioVersion} with go install (log: ${logFile})`);
  try {
    progress.update({ stage: 'resolving the module' });
    // -v names each package as it is compiled: the build's only sign of life after the downloads.
    await runLogged('go', ['install', '-v', `${minioModule}@${minioVersion}`], {
      logFile,
      env: { ...process.env, GOBIN: tmp, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' },
      timeoutMs: 45 * 60_000,
      onLine: reportStages(progress, goStages()),
    });
    chmodSync(join(tmp, 'minio'), 0o755);
    renameSync(tmp, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  progress.end();
  log(`built MinIO in ${Math.round((Date.now() - started) / 1000)} s`);
  return binary;
}
