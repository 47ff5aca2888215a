import { AppError } from '../../domain/errors.js';
import type { DagRunState, EndedDagRun, TrainingScheduler } from '../../ports/external-systems.js';
import { HttpClient, seg, type HttpClientOptions } from '../http/http-client.js';
import type { HttpResponse } from '../http/http-responses.js';
import { basicAuth, JwtAuth, type AirflowCredentials } from './airflow-auth.js';
import { dagRunListSchema, dagRunSchema, describeAirflowError, taskInstancesSchema, taskLogSchema, type DagRunBody, type TaskInstanceBody } from './airflow-schemas.js';
import { commitInConf, runIdInConf, toDagConf } from './dag-conf.js';
import { logTail, logText, raisedException } from './log-tail.js';

export interface AirflowSchedulerOptions {
  /** Root URL of the API server / webserver, without `/api/...`. */
  baseUrl: string;
  /** 3: `/api/v2` with a JWT from `/auth/token`; 2: `/api/v1` with basic auth. */
  apiVersion: 2 | 3;
  credentials?: AirflowCredentials;
  /** Unpause each DAG (once per process) before its first trigger. */
  unpauseDags?: boolean;
  /** The app's callback endpoint, put in the conf for the DAG's final notification. */
  callbackUrl?: string;
  /**
   * How long `getRun` may wait for the final state of a run whose every task has started (default 20 s; 0: never).
   * The shipped DAG calls back from its last task, so the wake-up arrives just before Airflow marks the run finished.
   */
  settleMs?: number;
  /** Waits while settling go through here (tests). */
  sleep?: (ms: number) => Promise<void>;
  /** The clock for Airflow 2's explicit logical dates (default: the wall clock). */
  now?: () => Date;
  /** Passed to the HTTP client (fetch, timeouts, retry policy, sleep). */
  http?: Pick<HttpClientOptions, 'fetch' | 'timeoutMs' | 'retry' | 'sleep'>;
}

/**
 * Reads of a settling run: the scheduler marks it finished about a second after its last task ends, and every
 * millisecond between that and our next read delays the whole run, so read every 100 ms (one cheap GET each) for
 * the first few seconds, then once a second.
 */
const SETTLE_FAST_WAIT_MS = 100;
const SETTLE_FAST_FOR_MS = 5_000;
const SETTLE_SLOW_WAIT_MS = 1_000;

/** Task states of a task that has not started yet (it may still run). */
const waitingToStart = new Set(['none', 'scheduled', 'queued', 'up_for_retry', 'up_for_reschedule', 'deferred', 'restarting']);

const states: Record<string, DagRunState> = { queued: 'queued', running: 'running', success: 'success', failed: 'failed' };

/**
 * The training scheduler over Airflow's stable REST API. Triggers use the run's deterministic `dag_run_id`: a 409
 * means the id exists, and the existing run is accepted only when its conf names the same mlcycle run (and commit),
 * so a retried trigger finds its run while a stranger's run (or a logical-date collision) is an error.
 */
export class AirflowScheduler implements TrainingScheduler {
  private readonly http: HttpClient;
  private readonly api: string;
  private readonly unpaused = new Set<string>();

  constructor(private readonly opts: AirflowSchedulerOptions) {
    const common = { system: 'airflow' as const, displayName: 'Airflow', baseUrl: opts.baseUrl, describeError: describeAirflowError, ...opts.http };
    const password = opts.credentials?.password;
    const auth =
      opts.apiVersion === 3
        ? new JwtAuth(new HttpClient({ ...common, auth: { headers: async () => ({}), secrets: () => (password ? [password] : []) } }), opts.credentials)
        : basicAuth(opts.credentials);
    this.http = new HttpClient({ ...common, auth });
    this.api = opts.apiVersion === 3 ? '/api/v2' : '/api/v1';
  }

  async trigger(req: { dagId: string; dagRunId: string; conf: Record<string, unknown> }): Promise<{ dagRunId: string; state: DagRunState; url?: string }> {
    if (this.opts.unpauseDags) await this.unpause(req.dagId);
    const conf = toDagConf(req.conf, this.opts.callbackUrl !== undefined ? { callbackUrl: this.opts.callbackUrl } : {});
    // Airflow 3 requires the logical_date key (null: none); Airflow 2 takes an explicit one so two triggers in the
    // same instant cannot collide on it (external-apis §1.3, §1.4; anchors B3).
    const body = this.opts.apiVersion === 3 ? { dag_run_id: req.dagRunId, logical_date: null, conf } : { dag_run_id: req.dagRunId, logical_date: (this.opts.now?.() ?? new Date()).toISOString(), conf };
    const res = await this.http.request({ method: 'POST', path: `${this.runsPath(req.dagId)}`, json: body });
    if (res.status === 200 || res.status === 201) {
      const run = this.http.parse(res, dagRunSchema, 'the trigger');
      return { dagRunId: run.dag_run_id, state: this.stateOf(run), url: this.runUrl(req.dagId, run.dag_run_id) };
    }
    if (res.status === 409) return this.existing(req.dagId, req.dagRunId, conf);
    if (res.status === 404) throw this.dagMissing(req.dagId, res);
    throw this.http.failure(res, `to trigger DAG '${req.dagId}'`);
  }

  async getRun(dagId: string, dagRunId: string): Promise<{ state: DagRunState; url?: string; error?: string }> {
    const run = await this.fetchRun(dagId, dagRunId);
    if (!run) throw new AppError('PERMANENT', `Airflow has no dag run '${dagRunId}' of DAG '${dagId}'`, { details: { system: 'airflow', dagId, dagRunId } });
    let state = this.stateOf(run);
    if (state === 'queued' || state === 'running') state = await this.settle(dagId, dagRunId, state);
    const url = this.runUrl(dagId, dagRunId);
    if (state !== 'failed') return { state, url };
    return { state, url, error: await this.failureSummary(dagId, dagRunId) };
  }

  /**
   * A run whose every task has started or finished ends as soon as the running ones do, and the scheduler records it
   * a moment later: read the run again for a short while rather than report "running" to a caller that was just told
   * (by the DAG's callback) that it is over, and that would otherwise wait for its next slow poll.
   */
  private async settle(dagId: string, dagRunId: string, state: DagRunState): Promise<DagRunState> {
    const budget = this.opts.settleMs ?? 20_000;
    if (budget <= 0 || !(await this.lastStretch(dagId, dagRunId))) return state;
    const sleep = this.opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const begin = performance.now();
    const deadline = begin + budget;
    let current = state;
    while (performance.now() < deadline) {
      const wait = performance.now() - begin < SETTLE_FAST_FOR_MS ? SETTLE_FAST_WAIT_MS : SETTLE_SLOW_WAIT_MS;
      await sleep(Math.min(wait, Math.max(0, deadline - performance.now())));
      const run = await this.fetchRun(dagId, dagRunId);
      if (!run) return current;
      current = this.stateOf(run);
      if (current === 'success' || current === 'failed') return current;
    }
    return current;
  }

  /** True when no task of the run is still waiting to start (all running or finished). */
  private async lastStretch(dagId: string, dagRunId: string): Promise<boolean> {
    const res = await this.http.request({ method: 'GET', path: `${this.runPath(dagId, dagRunId)}/taskInstances`, query: { limit: 100 } });
    if (res.status !== 200) return false;
    const tis = this.http.parse(res, taskInstancesSchema, 'the task instances request').task_instances;
    return tis.length > 0 && tis.every((t) => t.state !== null && !waitingToStart.has(t.state));
  }

  async markFailed(dagId: string, dagRunId: string): Promise<void> {
    const run = await this.fetchRun(dagId, dagRunId);
    // Absent or finished: nothing to stop (and a finished run's state is history, not ours to rewrite).
    if (!run || run.state === 'success' || run.state === 'failed') return;
    const res = await this.http.request({ method: 'PATCH', path: this.runPath(dagId, dagRunId), query: { update_mask: 'state' }, json: { state: 'failed' } });
    if (res.status === 200 || res.status === 404) return;
    throw this.http.failure(res, `to mark dag run '${dagRunId}' failed`);
  }

  async listEnded(req: { dagIds: readonly string[]; since: Date; limit: number }): Promise<EndedDagRun[]> {
    // The batch list (`~`: all DAGs) takes its filters in the body, the same fields in /api/v1 and /api/v2. Airflow
    // caps page_limit at its `maximum_page_limit` (100 by default): the caller treats a full page as "more may follow".
    const json = { dag_ids: [...req.dagIds], states: ['success', 'failed'], end_date_gte: req.since.toISOString(), order_by: 'end_date', page_limit: req.limit };
    const res = await this.http.request({ method: 'POST', path: `${this.api}/dags/~/dagRuns/list`, json });
    if (res.status !== 200) throw this.http.failure(res, 'to list the dag runs that ended');
    return this.http.parse(res, dagRunListSchema, 'the dag run list').dag_runs.flatMap((r) =>
      (r.state === 'success' || r.state === 'failed') && r.end_date ? [{ dagId: r.dag_id, dagRunId: r.dag_run_id, state: r.state, endDate: r.end_date }] : [],
    );
  }

  /** Unpause a DAG (a run on a paused DAG would stay queued). Done once per DAG per process. */
  async unpause(dagId: string): Promise<void> {
    if (this.unpaused.has(dagId)) return;
    const res = await this.http.request({ method: 'PATCH', path: `${this.api}/dags/${seg(dagId)}`, query: { update_mask: 'is_paused' }, json: { is_paused: false } });
    if (res.status === 404) throw this.dagMissing(dagId, res);
    if (res.status !== 200) throw this.http.failure(res, `to unpause DAG '${dagId}'`);
    this.unpaused.add(dagId);
  }

  /** A 409 on trigger: the run with our id exists. Ours (same mlcycle run and commit) is success; anything else is not. */
  private async existing(dagId: string, dagRunId: string, conf: Record<string, unknown>): Promise<{ dagRunId: string; state: DagRunState; url?: string }> {
    const run = await this.fetchRun(dagId, dagRunId);
    if (!run) {
      throw new AppError('PERMANENT', `Airflow refused dag run '${dagRunId}' of DAG '${dagId}' as a duplicate, but no run has that id: another run holds the same logical date`, {
        details: { system: 'airflow', dagId, dagRunId, status: 409 },
      });
    }
    const ours = runIdInConf(run.conf) === runIdInConf(conf) && (commitInConf(conf) === undefined || commitInConf(run.conf) === commitInConf(conf));
    if (!ours) {
      throw new AppError('CONFLICT', `Airflow already has a dag run '${dagRunId}' of DAG '${dagId}' that was not started by this mlcycle run`, { details: { system: 'airflow', dagId, dagRunId } });
    }
    return { dagRunId, state: this.stateOf(run), url: this.runUrl(dagId, dagRunId) };
  }

  private async fetchRun(dagId: string, dagRunId: string): Promise<DagRunBody | null> {
    const res = await this.http.request({ method: 'GET', path: this.runPath(dagId, dagRunId) });
    if (res.status === 404) return null;
    if (res.status !== 200) throw this.http.failure(res, `to read dag run '${dagRunId}'`);
    return this.http.parse(res, dagRunSchema, 'a dag run request');
  }

  /** Why a run failed: the first failed task and the tail of its log. Never fails itself: the state is what matters. */
  private async failureSummary(dagId: string, dagRunId: string): Promise<string> {
    const head = `Airflow dag run ${dagRunId} failed`;
    let failed: TaskInstanceBody | undefined;
    try {
      const res = await this.http.request({ method: 'GET', path: `${this.runPath(dagId, dagRunId)}/taskInstances`, query: { limit: 100 } });
      if (res.status !== 200) return `${head} (its tasks could not be read: HTTP ${res.status})`;
      const tis = this.http.parse(res, taskInstancesSchema, 'the task instances request').task_instances;
      // The root cause fails first; tasks downstream of it end upstream_failed, not failed.
      failed = tis.filter((t) => t.state === 'failed').sort((a, b) => (a.end_date ?? '').localeCompare(b.end_date ?? ''))[0];
      if (!failed) return `${head} with no failed task (marked failed by hand, or timed out)`;
      const log = await this.logOf(dagId, dagRunId, failed);
      const raised = log?.raised ? `: ${log.raised}` : '';
      return `${head}: task '${failed.task_id}' failed (try ${failed.try_number})${raised}${log?.tail ? `. Log tail:\n${log.tail}` : ''}`;
    } catch (e) {
      const why = e instanceof AppError ? e.message : 'the log could not be read';
      return failed ? `${head}: task '${failed.task_id}' failed (try ${failed.try_number}); ${why}` : `${head} (${why})`;
    }
  }

  /** The exception the task raised (Airflow 3) and the tail of its log, scrubbed of known secrets. */
  private async logOf(dagId: string, dagRunId: string, ti: TaskInstanceBody): Promise<{ raised?: string; tail: string } | undefined> {
    const tryNumber = Math.max(1, ti.try_number);
    const query = { full_content: true, ...(ti.map_index !== undefined && ti.map_index >= 0 ? { map_index: ti.map_index } : {}) };
    const path = `${this.runPath(dagId, dagRunId)}/taskInstances/${seg(ti.task_id)}/logs/${tryNumber}`;
    // Airflow 2's JSON log is a Python repr of (host, text) tuples; its text/plain form is the log itself.
    const res: HttpResponse = await this.http.request({ method: 'GET', path, query, accept: this.opts.apiVersion === 3 ? 'application/json' : 'text/plain', timeoutMs: 20_000 });
    if (res.status !== 200) return undefined;
    if (this.opts.apiVersion !== 3) return { tail: this.http.scrub(logTail(res.text)) };
    const body = this.http.parse(res, taskLogSchema, 'the task log request');
    const raised = raisedException(body);
    return { ...(raised !== undefined ? { raised: this.http.scrub(raised).slice(0, 500) } : {}), tail: this.http.scrub(logTail(logText(body))) };
  }

  private stateOf(run: DagRunBody): DagRunState {
    const state = run.state === null ? undefined : states[run.state];
    if (!state) throw new AppError('PERMANENT', `Airflow reported dag run '${run.dag_run_id}' in an unknown state '${String(run.state).slice(0, 40)}'`, { details: { system: 'airflow' } });
    return state;
  }

  private dagMissing(dagId: string, res: HttpResponse): AppError {
    return new AppError('PERMANENT', `Airflow has no DAG '${dagId}' (not deployed, not parsed yet, or misspelt)${this.detail(res)}`, { details: { system: 'airflow', dagId, status: 404 } });
  }

  private detail(res: HttpResponse): string {
    const d = this.http.describe(res);
    return d ? `: ${d}` : '';
  }

  private runsPath(dagId: string): string {
    return `${this.api}/dags/${seg(dagId)}/dagRuns`;
  }

  private runPath(dagId: string, dagRunId: string): string {
    return `${this.runsPath(dagId)}/${seg(dagRunId)}`;
  }

  /** Where a person looks at the run: the Airflow 3 UI's run page, or Airflow 2's grid view. */
  private runUrl(dagId: string, dagRunId: string): string {
    return this.opts.apiVersion === 3
      ? `${this.opts.baseUrl}/dags/${seg(dagId)}/runs/${seg(dagRunId)}`
      : `${this.opts.baseUrl}/dags/${seg(dagId)}/grid?dag_run_id=${seg(dagRunId)}`;
  }
}
