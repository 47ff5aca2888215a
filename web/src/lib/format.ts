/** A duration in words a person reads at a glance: `850 ms`, `12.3 s`, `4 min 05 s`, `2 h 03 min`. */
export function formatDuration(ms: number): string {
  if (ms < 0) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const s = Math.round(ms / 1_000);
  if (s < 3_600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3_600)} h ${String(Math.floor((s % 3_600) / 60)).padStart(2, '0')} min`;
}

/** The time between two instants (the second defaulting to now), or undefined before it started. */
export function elapsed(startedAt: string | undefined, finishedAt: string | undefined, now: number): number | undefined {
  if (!startedAt) return undefined;
  return (finishedAt ? Date.parse(finishedAt) : now) - Date.parse(startedAt);
}

/** An instant in the reader's time zone, to the second. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** A number as the API gave it, or a dash for none. */
export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : String(n);
}
