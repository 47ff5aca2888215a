import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { pinnedCount, pipStages, reportStages } from './build-stages.js';
import { withFileLock } from './file-lock.js';
import { cacheDir, repoRoot, stateRoot } from './paths.js';
import { silentSink, startProgress, type Progress, type ProgressSink } from './progress.js';
import { runCapture, runLogged } from './run-command.js';

/*
 * The project's Python environments, built from the pinned requirements in `python/` into the shared cache and
 * reused whenever the requirements and the interpreter are unchanged. Four venvs, because each one's pins are resolved
 * independently (Airflow normally relies on its constraint files, unavailable here):
 *   airflow — Airflow 3 standalone + the cncf-kubernetes provider + pytest (the DAG and its tests)
 *   ml      — MLflow (server and client), DVC with S3, scikit-learn, pytest (the example project)
 *   fuzz    — schemathesis (the API fuzz test, test/fuzz/)
 *   jupyter — JupyterHub, JupyterLab and the notebook kernel's libraries, nbclient, and the Python client's tooling
 */

export const venvNames = ['airflow', 'ml', 'fuzz', 'jupyter'] as const;
export type VenvName = (typeof venvNames)[number];

/** A ready venv: its directory, interpreter and bin directory (console scripts such as `airflow`, `mlflow`, `dvc`). */
export interface VenvInfo {
  name: VenvName;
  dir: string;
  python: string;
  bin: string;
}

/** The venvs every stack needs, and the jupyter venv once built (only notebooks, JupyterHub and the client use it). */
export type Venvs = Record<Exclude<VenvName, 'jupyter'>, VenvInfo> & { jupyter?: VenvInfo };

const markerName = '.mlcycle-complete.json';
const venvsFileSchema = z.record(z.string(), z.object({ dir: z.string(), python: z.string(), bin: z.string() }));

/** The base interpreter the venvs are made from: `MLCYCLE_PYTHON`, else `python3` on the PATH. */
export function basePython(env: NodeJS.ProcessEnv = process.env): string {
  return env.MLCYCLE_PYTHON ?? 'python3';
}

/** The pinned requirements file of a venv. */
export function requirementsFile(name: VenvName): string {
  return join(repoRoot(), 'python', `requirements-${name}.txt`);
}

async function interpreterIdentity(python: string): Promise<string> {
  // The full version, the architecture and the base prefix: a venv is tied to the exact interpreter it was made from.
  return (await runCapture(python, ['-c', 'import sys, platform; print(sys.version.split()[0], platform.machine(), sys.base_prefix)'])).trim();
}

/** The cache directory a venv lives in: `<cache>/venvs/<name>-<sha256(requirements + interpreter)[:16]>`. */
export async function venvDir(name: VenvName): Promise<string> {
  const identity = await interpreterIdentity(basePython());
  const hash = createHash('sha256').update(readFileSync(requirementsFile(name))).update('\0').update(identity).digest('hex').slice(0, 16);
  return join(cacheDir(), 'venvs', `${name}-${hash}`);
}

function info(name: VenvName, dir: string): VenvInfo {
  return { name, dir, python: join(dir, 'bin', 'python'), bin: join(dir, 'bin') };
}

/**
 * Build (or reuse) one venv. Concurrent callers serialise on a lock file; a venv counts as built only once its
 * completion marker exists, which is written last (atomically, by rename). Venvs cannot be moved after creation
 * (console scripts carry the interpreter path), so the build happens in place and a half-built directory without
 * the marker is deleted and rebuilt.
 */
export async function ensureVenv(name: VenvName, log: (line: string) => void = () => {}, sink: ProgressSink = silentSink): Promise<VenvInfo> {
  const dir = await venvDir(name);
  const marker = join(dir, markerName);
  if (existsSync(marker)) return info(name, dir);
  const progress = startProgress({ label: `${name} venv`, sink });
  try {
    return await withFileLock(`${dir}.lock`, 60 * 60_000, () => buildVenv(name, dir, log, progress), (owner) =>
      progress.update({ stage: `waiting for process ${owner ?? '?'}, which is building it` }),
    );
  } finally {
    progress.end();
  }
}

async function buildVenv(name: VenvName, dir: string, log: (line: string) => void, progress: Progress): Promise<VenvInfo> {
  const marker = join(dir, markerName);
  if (existsSync(marker)) return info(name, dir);
  const logFile = `${dir}.build.log`;
  rmSync(dir, { recursive: true, force: true });
  rmSync(logFile, { force: true });
  const started = Date.now();
  progress.clear();
  log(`building the ${name} venv in ${dir} (log: ${logFile})`);
  try {
    progress.update({ stage: 'creating the venv' });
    await runLogged(basePython(), ['-m', 'venv', dir], { logFile });
    const pinned = pinnedCount(readFileSync(requirementsFile(name), 'utf8'));
    progress.update({ stage: 'collecting', done: 0, total: pinned });
    const onLine = reportStages(progress, pipStages(pinned));
    await runLogged(join(dir, 'bin', 'python'), ['-m', 'pip', 'install', '-r', requirementsFile(name)], { logFile, env: pipEnv(), onLine });
    progress.update({ stage: 'checking dependencies (pip check)' });
    await runLogged(join(dir, 'bin', 'python'), ['-m', 'pip', 'check'], { logFile, env: pipEnv() });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  progress.end();
  const seconds = Math.round((Date.now() - started) / 1000);
  writeFileSync(`${marker}.tmp`, JSON.stringify({ name, requirements: requirementsFile(name), builtAt: new Date().toISOString(), seconds }));
  renameSync(`${marker}.tmp`, marker);
  log(`built the ${name} venv in ${seconds} s`);
  return info(name, dir);
}

/** pip's environment for the project's installs: no version nag, never a prompt (nobody may be there to answer). */
export function pipEnv(): NodeJS.ProcessEnv {
  return { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' };
}

/**
 * Build (or reuse) the venvs, one after the other (2 cores: parallel pip installs only fight), and record their paths
 * in `.mlcycle/venvs.json`. The jupyter venv only with `jupyter` (stack:setup asks for it): the demo's first run does
 * not wait minutes for JupyterHub and JupyterLab it does not start; one built before stays recorded.
 */
export async function ensureVenvs(log?: (line: string) => void, sink?: ProgressSink, opts: { jupyter?: boolean } = {}): Promise<Venvs> {
  const airflow = await ensureVenv('airflow', log, sink);
  const ml = await ensureVenv('ml', log, sink);
  const fuzz = await ensureVenv('fuzz', log, sink);
  const jupyter = opts.jupyter ? await ensureVenv('jupyter', log, sink) : await builtVenv('jupyter');
  const venvs: Venvs = { airflow, ml, fuzz, ...(jupyter ? { jupyter } : {}) };
  mkdirSync(stateRoot(), { recursive: true });
  writeFileSync(join(stateRoot(), 'venvs.json'), `${JSON.stringify(venvs, null, 2)}\n`);
  return venvs;
}

/** A venv already built for the current requirements and interpreter, without building it. */
async function builtVenv(name: VenvName): Promise<VenvInfo | undefined> {
  const dir = await venvDir(name);
  return existsSync(join(dir, markerName)) ? info(name, dir) : undefined;
}

/** The venvs recorded by the last `ensureVenvs()` in this clone, if they still exist (no build). */
export function recordedVenvs(): Partial<Venvs> {
  const file = join(stateRoot(), 'venvs.json');
  if (!existsSync(file)) return {};
  const parsed = venvsFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) return {};
  const out: Partial<Venvs> = {};
  for (const name of venvNames) {
    const v = parsed.data[name];
    if (v && existsSync(join(v.dir, markerName))) out[name] = { name, ...v };
  }
  return out;
}

/**
 * Re-pin a venv: build a scratch venv from `python/requirements-<name>.in` and write its `pip freeze` to the
 * `.txt` file the stack installs from (the role Airflow's constraint files would play).
 */
export async function freezeRequirements(name: VenvName, log: (line: string) => void = () => {}): Promise<string> {
  const scratch = join(cacheDir(), 'venvs', `freeze-${name}-${process.pid}`);
  const logFile = `${scratch}.log`;
  rmSync(scratch, { recursive: true, force: true });
  try {
    log(`resolving python/requirements-${name}.in in ${scratch} (log: ${logFile})`);
    await runLogged(basePython(), ['-m', 'venv', scratch], { logFile });
    const py = join(scratch, 'bin', 'python');
    await runLogged(py, ['-m', 'pip', 'install', '-r', join(repoRoot(), 'python', `requirements-${name}.in`)], { logFile, env: pipEnv() });
    const frozen = (await runCapture(py, ['-m', 'pip', 'freeze', '--all', '--exclude', 'pip', '--exclude', 'setuptools', '--exclude', 'wheel']))
      .split('\n')
      .filter((l) => l.trim() !== '')
      .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    const target = requirementsFile(name);
    writeFileSync(target, `# Generated from requirements-${name}.in (pip freeze); do not edit by hand.\n${frozen.join('\n')}\n`);
    return target;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
