/*
 * Progress of one long step (a venv install, the MinIO build, a server start-up): what it is doing, how far along it
 * is where that is known, and for how long it has run. On a terminal one line is rewritten in place; anywhere else
 * (CI logs, the demo's transcript) whole lines are written, at most one per interval unless the stage changes, so a
 * six-minute build reads as a few dozen lines rather than silence or a flood.
 */

/** Where progress goes. `live` sinks rewrite one line in place; the others receive whole lines. */
export interface ProgressSink {
  readonly live: boolean;
  /** Show `text`: replace the current line (live) or write one more line. */
  show(text: string): void;
  /** Remove the live line, if any (before other output follows). */
  clear(): void;
}

/** What a step is doing: a stage name and, where known, a count and the total it counts towards. */
export interface ProgressUpdate {
  stage: string;
  done?: number;
  total?: number;
  /** The item being worked on (a package name); shown on live lines only, as it changes too fast for logs. */
  detail?: string | undefined;
}

export interface ProgressOptions {
  /** What the step is, e.g. `ml venv` or `MinIO build`. */
  label: string;
  sink: ProgressSink;
  now?: () => number;
  /** Non-live sinks: the longest silence while the stage stays the same (default 10 s). */
  intervalMs?: number;
  /** Say nothing until the step has run this long (default 0: from the start). */
  quietMs?: number;
  /** Live sinks: the fastest redraw rate (default 100 ms). */
  redrawMs?: number;
}

/** `12 s`, `1 min 05 s`: elapsed time at the resolution a person watching needs. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** One progress line: `<label>: <stage> <done>/<total> (<pct>%) <detail> · <elapsed>`, leaving out what is unknown. */
export function formatProgress(label: string, u: ProgressUpdate, elapsedMs: number, withDetail: boolean): string {
  let count = '';
  if (u.done !== undefined && u.total !== undefined && u.total > 0) {
    count = ` ${u.done}/${u.total} (${Math.min(100, Math.floor((u.done / u.total) * 100))}%)`;
  } else if (u.done !== undefined) {
    count = ` ${u.done}`;
  } else if (u.total !== undefined) {
    count = ` (${u.total})`;
  }
  const detail = withDetail && u.detail ? ` ${u.detail}` : '';
  return `${label}: ${u.stage}${count}${detail} · ${formatElapsed(elapsedMs)}`;
}

/**
 * The reporter without timers (so its throttling can be tested with a fake clock): feed it updates and ticks; it
 * decides what reaches the sink.
 */
export class ProgressLine {
  private readonly started: number;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly quietMs: number;
  private readonly redrawMs: number;
  private current: ProgressUpdate = { stage: 'starting' };
  private lastShownAt: number | undefined;
  private lastShownStage: string | undefined;
  private shownLive = false;
  private ended = false;

  constructor(private readonly opts: ProgressOptions) {
    this.now = opts.now ?? Date.now;
    this.started = this.now();
    this.intervalMs = opts.intervalMs ?? 10_000;
    this.quietMs = opts.quietMs ?? 0;
    this.redrawMs = opts.redrawMs ?? 100;
  }

  /** Record what the step is doing now; shown at once on a stage change, otherwise as throttling allows. */
  update(u: ProgressUpdate): void {
    this.current = u;
    this.maybeShow();
  }

  /** Let time pass: refreshes the elapsed time (live) or writes a heartbeat line once the interval has passed. */
  tick(): void {
    this.maybeShow();
  }

  /** Remove the live line for now, so the caller can print a line of its own; the next update draws it again. */
  clear(): void {
    if (!this.shownLive) return;
    this.opts.sink.clear();
    this.shownLive = false;
    this.lastShownStage = undefined;
  }

  /** The step is over: remove the live line (the caller prints the outcome); later calls do nothing. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.shownLive) this.opts.sink.clear();
  }

  private maybeShow(): void {
    if (this.ended) return;
    const t = this.now();
    if (t - this.started < this.quietMs) return;
    const stageChanged = this.current.stage !== this.lastShownStage;
    const since = this.lastShownAt === undefined ? Infinity : t - this.lastShownAt;
    const due = this.opts.sink.live ? stageChanged || since >= this.redrawMs : stageChanged || since >= this.intervalMs;
    if (!due) return;
    this.lastShownAt = t;
    this.lastShownStage = this.current.stage;
    this.shownLive = this.opts.sink.live;
    this.opts.sink.show(formatProgress(this.opts.label, this.current, t - this.started, this.opts.sink.live));
  }
}

/** What a long step reports to. */
export interface Progress {
  update(u: ProgressUpdate): void;
  /** Remove the live line before printing something else; the next update draws it again. */
  clear(): void;
  end(): void;
}

/** A running reporter: a `ProgressLine` with a one-second ticker (which never keeps the process alive). */
export function startProgress(opts: ProgressOptions): Progress {
  const line = new ProgressLine(opts);
  const ticker = setInterval(() => line.tick(), 1_000);
  ticker.unref();
  return {
    update: (u) => line.update(u),
    clear: () => line.clear(),
    end: () => {
      clearInterval(ticker);
      line.end();
    },
  };
}

/**
 * A sink writing to a stream, each line after `prefix`: live when the stream is a terminal (the line is then cut to
 * the terminal's width, as a wrapped line could not be rewritten in place).
 */
export function streamSink(stream: { isTTY?: boolean; columns?: number; write(chunk: string): unknown }, prefix = ''): ProgressSink {
  const live = stream.isTTY === true;
  return {
    live,
    show: (body) => {
      const text = `${prefix}${body}`;
      if (!live) {
        stream.write(`${text}\n`);
        return;
      }
      const width = Math.max(20, (stream.columns ?? 100) - 1);
      stream.write(`\r\x1b[K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    },
    clear: () => {
      if (live) stream.write('\r\x1b[K');
    },
  };
}

/** A sink of whole lines handed to a log function (never live: safe when several steps report at once). */
export function lineSink(log: (line: string) => void): ProgressSink {
  return { live: false, show: log, clear: () => {} };
}

/** A sink that drops everything (the default: libraries stay quiet unless asked). */
export const silentSink: ProgressSink = { live: false, show: () => {}, clear: () => {} };
