import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A small, faithful fake of Airflow 2's stable REST API (`/api/v1`, external-apis §1.4), the only Airflow fake in the
 * repo: no Airflow 2 runs next to the Airflow 3 venv. It implements what the scheduler adapter calls, with Airflow 2's
 * rules: HTTP basic auth (401 + `WWW-Authenticate: Basic`), RFC 7807 problem+json errors, `state` read-only on
 * trigger (400), 409 for an existing `dag_run_id` *or* an existing logical date, `execution_date` alongside
 * `logical_date` in responses, `PATCH {state}` limited to success/failed/queued, logs as `text/plain` or a JSON
 * string, and `PATCH /dags/{id}?update_mask=is_paused`.
 */

export interface FakeTask {
  task_id: string;
  state: string | null;
  try_number: number;
  log: string;
  end_date?: string;
}

export interface FakeDagRun {
  dag_id: string;
  dag_run_id: string;
  logical_date: string;
  state: 'queued' | 'running' | 'success' | 'failed';
  conf: Record<string, unknown>;
  tasks: FakeTask[];
  /** When the run ended (set as it reaches success or failed). */
  end_date?: string;
}

export interface Airflow2Fake {
  url: string;
  dags: Map<string, { is_paused: boolean }>;
  runs: Map<string, FakeDagRun>;
  /** Every request seen: method, path (without query), query string, and whether basic auth was right. */
  requests: { method: string; path: string; query: string; authorized: boolean; accept: string | undefined; body: unknown }[];
  counters: { runsCreated: number };
  /** Set a run's state (and optionally its tasks), as the scheduler would. */
  setRun(dagRunId: string, state: FakeDagRun['state'], tasks?: FakeTask[]): void;
  close(): Promise<void>;
}

const key = (dagId: string, runId: string) => `${dagId}\u0000${runId}`;

function problem(res: ServerResponse, status: number, title: string, detail: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/problem+json', ...extra });
  res.end(JSON.stringify({ type: `https://airflow.apache.org/docs/apache-airflow/2.10.5/stable-rest-api-ref.html#section/Errors/${title.replace(/ /g, '')}`, title, status, detail, instance: null }));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return Symbol.for('invalid');
  }
}

function runBody(r: FakeDagRun) {
  return {
    dag_run_id: r.dag_run_id,
    dag_id: r.dag_id,
    logical_date: r.logical_date,
    execution_date: r.logical_date,
    start_date: r.state === 'queued' ? null : r.logical_date,
    end_date: r.state === 'success' || r.state === 'failed' ? (r.end_date ?? r.logical_date) : null,
    data_interval_start: r.logical_date,
    data_interval_end: r.logical_date,
    last_scheduling_decision: null,
    run_type: 'manual',
    state: r.state,
    external_trigger: true,
    conf: r.conf,
    note: null,
  };
}

const listFields = new Set(['order_by', 'page_offset', 'page_limit', 'dag_ids', 'states', 'execution_date_gte', 'execution_date_lte', 'start_date_gte', 'start_date_lte', 'end_date_gte', 'end_date_lte']);

/** `POST /dags/~/dagRuns/list` (`ListDagRunsForm`): unknown fields are refused, `page_limit` is capped at 100. */
function listRuns(runs: Map<string, FakeDagRun>, body: unknown): [number, unknown] {
  const b = (body ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(b).filter((k) => !listFields.has(k));
  if (unknown.length > 0) return [400, { title: 'Bad Request', status: 400, detail: `{'${unknown[0] ?? ''}': ['Unknown field.']}` }];
  const ids = Array.isArray(b.dag_ids) ? (b.dag_ids as string[]) : undefined;
  const states = Array.isArray(b.states) ? (b.states as string[]) : undefined;
  const endGte = typeof b.end_date_gte === 'string' ? Date.parse(b.end_date_gte) : undefined;
  const order = typeof b.order_by === 'string' ? b.order_by : 'id';
  const limit = Math.min(100, typeof b.page_limit === 'number' ? b.page_limit : 100);
  const found = [...runs.values()]
    .map(runBody)
    .filter((r) => (!ids || ids.includes(r.dag_id)) && (!states || states.includes(r.state)) && (endGte === undefined || (r.end_date !== null && Date.parse(r.end_date) >= endGte)))
    .sort((x, y) => (order === 'end_date' ? String(x.end_date).localeCompare(String(y.end_date)) : 0));
  return [200, { dag_runs: found.slice(0, limit), total_entries: found.length }];
}

/** Start the fake on a free loopback port with the given DAGs and one user. */
export async function startAirflow2Fake(opts: { dags: Record<string, { is_paused?: boolean }>; username: string; password: string }): Promise<Airflow2Fake> {
  const dags = new Map(Object.entries(opts.dags).map(([id, d]) => [id, { is_paused: d.is_paused ?? true }]));
  const runs = new Map<string, FakeDagRun>();
  const requests: Airflow2Fake['requests'] = [];
  const counters = { runsCreated: 0 };
  const expected = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const authorized = req.headers.authorization === expected;
    requests.push({ method, path: url.pathname, query: url.search, authorized, accept: req.headers.accept, body });
    if (!authorized) return problem(res, 401, 'Unauthorized', 'No credentials', { 'www-authenticate': 'Basic' });
    if (body === Symbol.for('invalid')) return problem(res, 400, 'Bad Request', 'Request body must be JSON.');

    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] !== 'api' || parts[1] !== 'v1' || parts[2] !== 'dags' || parts[3] === undefined) return problem(res, 404, 'Not Found', 'The requested URL was not found on the server.');
    if (parts[3] === '~' && parts[4] === 'dagRuns' && parts[5] === 'list' && parts.length === 6 && method === 'POST') return json(res, ...listRuns(runs, body));
    const dagId = parts[3];
    const dag = dags.get(dagId);
    if (!dag) return problem(res, 404, 'DAG not found', `DAG with dag_id: '${dagId}' not found`);
    const rest = parts.slice(4);

    if (rest.length === 0 && method === 'PATCH') {
      const b = body as { is_paused?: unknown } | undefined;
      if (url.searchParams.get('update_mask') !== 'is_paused' || typeof b?.is_paused !== 'boolean') return problem(res, 400, 'Bad Request', 'Only `is_paused` field can be updated through the REST API');
      dag.is_paused = b.is_paused;
      return json(res, 200, { dag_id: dagId, is_paused: dag.is_paused });
    }
    if (rest[0] !== 'dagRuns') return problem(res, 404, 'Not Found', 'The requested URL was not found on the server.');

    if (rest.length === 1 && method === 'POST') {
      const b = (body ?? {}) as Record<string, unknown>;
      if ('state' in b) return problem(res, 400, 'Bad Request', "Property is read-only - 'state'");
      const logical = typeof b.logical_date === 'string' ? b.logical_date : typeof b.execution_date === 'string' ? b.execution_date : new Date().toISOString();
      const runId = typeof b.dag_run_id === 'string' ? b.dag_run_id : `manual__${logical}`;
      const clash = [...runs.values()].find((r) => r.dag_id === dagId && (r.dag_run_id === runId || r.logical_date === logical));
      if (clash) return problem(res, 409, 'Conflict', `DAGRun with DAG ID: '${dagId}' and DAGRun ID: '${runId}' already exists`);
      const run: FakeDagRun = { dag_id: dagId, dag_run_id: runId, logical_date: logical, state: 'queued', conf: (b.conf ?? {}) as Record<string, unknown>, tasks: [] };
      runs.set(key(dagId, runId), run);
      counters.runsCreated += 1;
      return json(res, 200, runBody(run));
    }

    const run = rest[1] !== undefined ? runs.get(key(dagId, rest[1])) : undefined;
    if (rest.length >= 2 && !run) return problem(res, 404, 'DAGRun not found', `DAGRun with DAG ID: '${dagId}' and DagRun ID: '${rest[1] ?? ''}' not found`);
    if (!run) return problem(res, 405, 'Method Not Allowed', 'The method is not allowed for the requested URL.');

    if (rest.length === 2 && method === 'GET') return json(res, 200, runBody(run));
    if (rest.length === 2 && method === 'PATCH') {
      const state = (body as { state?: unknown } | undefined)?.state;
      if (state !== 'success' && state !== 'failed' && state !== 'queued') return problem(res, 400, 'Bad Request', `'${String(state)}' is not one of ['success', 'failed', 'queued'] - 'state'`);
      run.state = state;
      if (state !== 'queued') run.end_date ??= new Date().toISOString();
      return json(res, 200, runBody(run));
    }
    if (rest.length === 3 && rest[2] === 'taskInstances' && method === 'GET') {
      return json(res, 200, { task_instances: run.tasks.map((t) => ({ task_id: t.task_id, dag_id: dagId, dag_run_id: run.dag_run_id, execution_date: run.logical_date, state: t.state, try_number: t.try_number, map_index: -1, end_date: t.end_date ?? null })), total_entries: run.tasks.length });
    }
    if (rest.length === 6 && rest[2] === 'taskInstances' && rest[4] === 'logs' && method === 'GET') {
      const task = run.tasks.find((t) => t.task_id === rest[3]);
      if (!task) return problem(res, 404, 'TaskInstance not found', 'Task instance did not exist in the DB');
      if (req.headers.accept === 'text/plain') return void res.writeHead(200, { 'content-type': 'text/plain' }).end(task.log);
      return json(res, 200, { continuation_token: 'eyJlbmQiOiB0cnVlfQ', content: `[('fake-host', ${JSON.stringify(task.log)})]` });
    }
    return problem(res, 404, 'Not Found', 'The requested URL was not found on the server.');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) problem(res, 500, 'Internal Server Error', 'fake failure');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dags,
    runs,
    requests,
    counters,
    setRun: (dagRunId, state, tasks) => {
      const run = [...runs.values()].find((r) => r.dag_run_id === dagRunId);
      if (!run) throw new Error(`no run ${dagRunId}`);
      run.state = state;
      if ((state === 'success' || state === 'failed') && !run.end_date) run.end_date = new Date().toISOString();
      if (tasks) run.tasks = tasks;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
