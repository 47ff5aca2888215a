/** How long ago `iso` was, in the largest whole unit: "3 days", "5 minutes", "just now". */
export function age(iso: string, now: number = Date.now()): string {
  return span(now - Date.parse(iso)) ?? 'just now';
}

/** A duration in words ("2 minutes", "45 seconds"), or undefined under a second. */
export function span(ms: number): string | undefined {
  const units: [string, number][] = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
    ['second', 1_000],
  ];
  for (const [unit, size] of units) {
    const n = Math.floor(Math.abs(ms) / size);
    if (n >= 1) return `${n} ${unit}${n === 1 ? '' : 's'}`;
  }
  return undefined;
}

/** A timestamp for tables, in the reader's time zone: "2026-11-30 07:02". */
export function when(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A metric value with no more digits than it needs (at most 4 decimals). */
export function metric(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
}
