import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';
import { runCapture, runLogged } from './run-command.js';
import type { ProgressSink } from './progress.js';
import { basePython, ensureVenv, pipEnv } from './venvs.js';

/*
 * A venv with the Python client pip-installed from clients/python, layered on the pinned jupyter venv: a `.pth`
 * file puts the jupyter venv's site-packages on its path (a venv made from a venv's interpreter would see only the
 * base interpreter's packages), so the client installs in seconds with `--no-deps --no-build-isolation` and a change
 * to the client never rebuilds the big venv. Notebook kernels, the JupyterHub user's server and the client's tests
 * run in one of these.
 */

/** A venv holding the client: its directory, interpreter and bin directory. */
export interface ClientVenv {
  dir: string;
  python: string;
  bin: string;
}

/** Make (or refresh) a client venv in `dir`: the jupyter venv's packages plus the client installed from the repository. */
export async function ensureClientVenv(dir: string, log: (line: string) => void = () => {}, sink?: ProgressSink): Promise<ClientVenv> {
  // Built here when missing (minutes, the first time; its progress shown through `sink`).
  const jupyter = await ensureVenv('jupyter', log, sink);
  const python = join(dir, 'bin', 'python');
  const logFile = `${dir}.log`;
  if (!existsSync(python)) {
    mkdirSync(dir, { recursive: true });
    await runLogged(basePython(), ['-m', 'venv', dir], { logFile });
  }
  const code = 'import sysconfig; print(sysconfig.get_paths()["purelib"])';
  const own = (await runCapture(python, ['-c', code])).trim();
  const shared = (await runCapture(jupyter.python, ['-c', code])).trim();
  writeFileSync(join(own, 'mlcycle-jupyter-venv.pth'), `${shared}\n`);
  await runLogged(python, ['-m', 'pip', 'install', '--quiet', '--no-deps', '--no-build-isolation', '--force-reinstall', join(repoRoot(), 'clients', 'python')], { logFile, env: pipEnv() });
  return { dir, python, bin: join(dir, 'bin') };
}
