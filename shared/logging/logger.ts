/** A minimal structured logger port; the composition root decides where lines go. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const levels = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof levels)[number];

/** Keys whose values are never logged, whatever the caller passes. */
const secretKey = /(secret|password|token|key|authorization|pat|credential|connectionstring)/i;

/** Replace the values of secret-looking keys, recursively, so a log line cannot leak them. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, secretKey.test(k) ? '[redacted]' : redact(v, depth + 1)]),
  );
}

/**
 * A JSON-lines logger on stdout/stderr at or above `min`. `context` adds the fields of where the line is written
 * (the trace and run ids of the active span), so each line of a run can be found by its run or trace id.
 */
export function consoleLogger(min: Level = 'info', base: Record<string, unknown> = {}, context: () => Record<string, unknown> = () => ({})): Logger {
  const threshold = levels.indexOf(min);
  const emit = (level: Level) => (message: string, fields: Record<string, unknown> = {}) => {
    if (levels.indexOf(level) < threshold) return;
    const line = JSON.stringify({ level, message, ...(redact({ ...base, ...context(), ...fields }) as Record<string, unknown>) });
    if (level === 'error' || level === 'warn') process.stderr.write(line + '\n');
    else process.stdout.write(line + '\n');
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
