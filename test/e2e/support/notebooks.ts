import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureClientVenv, type ClientVenv } from '../../../stack/index.js';
import { repoRoot } from '../../../stack/paths.js';
import { runLogged } from '../../../stack/run-command.js';
import { functionKey, type PipelineWorld } from './pipeline-world.js';

/*
 * The example notebooks (examples/notebooks/) executed against a pipeline world, as a data scientist runs them: in a
 * kernel of a client venv (the client pip-installed from clients/python over the jupyter venv), by nbclient run from
 * that venv's interpreter, with the settings a JupyterHub user's server gets in its environment. While the notebook
 * waits for its run, the test drives the world's clock (`driveWhile`). The executed notebook and nbclient's output
 * are kept under the world's `logs/notebooks/`, where the secret scan reads them.
 */

/** The kernel spec the notebooks run in: the client venv's own interpreter. */
export const notebookKernel = 'mlcycle-client';

/** One output of a code cell, as nbformat stores it. */
export interface CellOutput {
  output_type: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}

/** One cell of an executed notebook. */
export interface NotebookCell {
  cell_type: string;
  metadata: { tags?: string[] };
  source: string | string[];
  outputs?: CellOutput[];
}

/** An executed notebook: its cells with their outputs, and how long the execution took. */
export interface ExecutedNotebook {
  cells: NotebookCell[];
  seconds: number;
  /** nbclient's own failure, when a cell failed (the cell's error output says which). */
  failure?: string;
}

/** Make (or refresh) a client venv in `dir` and install the kernel spec `notebookKernel` into it. */
export async function prepareNotebookKernel(dir: string): Promise<ClientVenv> {
  const venv = await ensureClientVenv(dir);
  // Installed under the venv's prefix, which is on the kernel search path of that venv's Jupyter tools.
  await runLogged(venv.python, ['-m', 'ipykernel', 'install', '--prefix', venv.dir, '--name', notebookKernel, '--display-name', 'Python (mlcycle client)'], { logFile: `${dir}.log` });
  return venv;
}

/**
 * Execute `examples/notebooks/<name>.ipynb` top to bottom against the world, driving its clock meanwhile. The kernel
 * sees only what a user's server would: the app's URL and key, MLflow's URL, and a spec of the example pipeline
 * written for the world's repository and registry, never the world's other settings.
 */
export async function runNotebook(world: PipelineWorld, venv: ClientVenv, name: string): Promise<ExecutedNotebook> {
  const dir = join(world.dir, 'logs', 'notebooks');
  mkdirSync(dir, { recursive: true });
  const specFile = join(world.dir, 'notebooks', 'pipeline.json');
  mkdirSync(join(world.dir, 'notebooks'), { recursive: true });
  writeFileSync(specFile, `${JSON.stringify(world.pipelineSpec('churn-model'), null, 2)}\n`);
  const out = join(dir, `${name}.ipynb`);
  const env: NodeJS.ProcessEnv = {
    PATH: `${venv.bin}:${process.env.PATH ?? ''}`,
    HOME: process.env.HOME,
    LANG: 'C.UTF-8',
    MLCYCLE_URL: world.host.baseUrl,
    MLCYCLE_KEY: functionKey,
    MLFLOW_TRACKING_URI: world.stack.mlflow.url,
    MLCYCLE_PIPELINE_FILE: specFile,
    // Jupyter's runtime files and IPython's profile stay in the world, not in the user's home.
    JUPYTER_RUNTIME_DIR: join(world.dir, 'notebooks', 'runtime'),
    IPYTHONDIR: join(world.dir, 'notebooks', 'ipython'),
    JUPYTER_PLATFORM_DIRS: '1',
    PYDEVD_DISABLE_FILE_VALIDATION: '1',
  };
  const script = join(repoRoot(), 'test', 'e2e', 'support', 'execute_notebook.py');
  const notebook = join(repoRoot(), 'examples', 'notebooks', `${name}.ipynb`);
  const started = Date.now();
  const execution = runLogged(venv.python, [script, notebook, '--out', out, '--kernel', notebookKernel, '--timeout', '600'], { env, logFile: join(dir, `${name}.log`), timeoutMs: 15 * 60_000 });
  const failure = await world.driveWhile(execution).then(
    () => undefined,
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
  const cells = (JSON.parse(readFileSync(out, 'utf8')) as { cells: NotebookCell[] }).cells;
  return { cells, seconds: (Date.now() - started) / 1000, ...(failure === undefined ? {} : { failure }) };
}

/** The code cell tagged `tag` (the notebooks tag the cells a test reads). */
export function taggedCell(nb: ExecutedNotebook, tag: string): NotebookCell {
  const cell = nb.cells.find((c) => c.metadata.tags?.includes(tag));
  if (!cell) throw new Error(`no cell is tagged ${tag}`);
  return cell;
}

/** Every error output of the notebook, as `ename: evalue`. */
export function errorOutputs(nb: ExecutedNotebook): string[] {
  return nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'error').map((o) => `${o.ename ?? '?'}: ${o.evalue ?? ''}`);
}

/** A cell's outputs as text: streams, and the text/plain and text/html forms of results and displays. */
export function outputText(cell: NotebookCell): string {
  const join = (v: unknown) => (Array.isArray(v) ? v.join('') : typeof v === 'string' ? v : '');
  return (cell.outputs ?? []).map((o) => [join(o.text), join(o.data?.['text/plain']), join(o.data?.['text/html']), join(o.data?.['text/markdown'])].join('\n')).join('\n');
}

/** Whether a cell shows an image (a matplotlib chart). */
export function showsImage(cell: NotebookCell): boolean {
  return (cell.outputs ?? []).some((o) => typeof o.data?.['image/png'] === 'string');
}
