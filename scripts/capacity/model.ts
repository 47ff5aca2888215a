import type { DayFigures, Figures } from './figures.js';
import { limits, ruBySize } from './prices.js';

/*
 * The capacity model: per-day quantities for a number of pipelines, scaled from the measured day. Everything the
 * runs cause grows with the pipelines (each retrains once a day, one in ten also validates a pull request); the
 * scheduler timer's ticks and their due-index queries happen once a minute whatever the count.
 */

export const scales = [100, 1_000, 10_000] as const;
/** Instance memory of the Flex Consumption plan: `instanceMemoryMB` in bicep/ (2,048 MB by default and in both parameter files). */
export const INSTANCE_GB = 2;

/** What a day of `pipelines` pipelines does, and what it costs. */
export interface DayAt {
  pipelines: number;
  runs: number;
  executions: number;
  historyEvents: number;
  durableActions: number;
  storageTransactions: number;
  queueTransactions: number;
  tableTransactions: number;
  storeOps: number;
  cosmosRuPerDay: number;
  cosmosPeakRuPerSecond: number;
  queueMessages: number;
  gbSeconds: number;
  peakActionsPerSecond: number;
}

const perKb = (bytes: number): { read: number; write: number } => ruBySize.find((r) => bytes <= r.kb * 1024) ?? ruBySize[ruBySize.length - 1]!;

/** RU of each store's operations per day as measured, and RU of one read, write and query at the measured sizes. */
export function cosmosRu(day: DayFigures): { total: number; read: number; write: number; query: number } {
  let total = 0;
  let reads = 0;
  let writes = 0;
  let queries = 0;
  for (const t of Object.values(day.store)) {
    const r = perKb(t.reads > 0 ? t.readBytes / t.reads : 1024).read;
    const w = perKb(t.writes > 0 ? t.writeBytes / t.writes : 1024).write;
    // A query costs at least the reads of what it returns, plus one for the query itself.
    const q = t.queries > 0 ? 1 + (t.queryItems / t.queries) * r : 0;
    total += t.reads * r + t.writes * w + t.queries * q;
    reads += t.reads * r;
    writes += t.writes * w;
    queries += t.queries * q;
  }
  const n = (k: 'reads' | 'writes' | 'queries'): number => Object.values(day.store).reduce((a, t) => a + t[k], 0);
  return { total, read: reads / Math.max(1, n('reads')), write: writes / Math.max(1, n('writes')), query: queries / Math.max(1, n('queries')) };
}

/** The per-day quantities for `pipelines`, scaled from the measured day. */
export function dayAt(f: Figures, pipelines: number): DayAt {
  const d = f.day;
  const k = pipelines / d.pipelines;
  const ticks = d.timerTicks;
  const dueQueries = d.store.pipelineStates?.queries ?? 0;
  const ru = cosmosRu(d);
  const executions = (d.executions - ticks) * k + ticks;
  const episodes = d.orchestratorEpisodes * k;
  const actions = d.durableActions * k;
  // Azure Storage backend: each message (= each action) is put, got and deleted; each episode appends its history
  // batch, updates the instance row and, without extended sessions, reads the history back; and when idle each
  // worker polls the control queues and the work-item queue at least every `storagePollSeconds`.
  const polling = (limits.storagePartitionsDefault.value + 1) * (86_400 / limits.storagePollSeconds.value);
  const queueTransactions = 3 * actions + polling;
  const tableTransactions = 3 * episodes;
  const peakMinute = d.peakMinuteStore;
  const peakRu = ((peakMinute.reads * ru.read + peakMinute.writes * ru.write + peakMinute.queries * ru.query) * k) / 60;
  const actionsPerRun = d.durableActions / Math.max(1, d.runsStarted);
  return {
    pipelines,
    runs: d.runsStarted * k,
    executions,
    historyEvents: d.historyEvents * k,
    durableActions: actions,
    storageTransactions: queueTransactions + tableTransactions,
    queueTransactions,
    tableTransactions,
    storeOps: (d.storeOps - dueQueries) * k + dueQueries,
    cosmosRuPerDay: (ru.total - dueQueries * ru.query) * k + dueQueries * ru.query,
    cosmosPeakRuPerSecond: peakRu,
    queueMessages: d.queueMessages * k,
    // The measured control-plane time of a run (zero-latency fakes) on one instance: a floor, not a forecast.
    gbSeconds: (d.runsStarted * k * f.orchestration.overheadMsMedian * INSTANCE_GB) / 1000,
    peakActionsPerSecond: (d.peakStartsPerMinute * k * actionsPerRun) / 60,
  };
}
