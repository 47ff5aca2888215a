import pRetry, { AbortError } from 'p-retry';

/*
 * The service hooks' deliveries: each notification (one event for one subscription) is POSTed in the background,
 * and a failed attempt (network error, timeout, 408, 429, 5xx) is retried with exponential back-off, a few times,
 * as the service retries. Unlike the service, the stand-in never puts a failing subscription on probation or
 * disables it: a test or demo whose receiver is down sees `failed` deliveries and the next event is tried afresh.
 * The log holds no header, so no credential of a subscription ever reaches it.
 */

/** How deliveries are retried. */
export interface DeliveryRetry {
  /** Retries after the first attempt (default 4). */
  retries: number;
  /** Wait before the first retry, doubled for each next one (default 250 ms). */
  minDelayMs: number;
}

/** One delivery of a notification, as the stand-in's log keeps it. */
export interface DeliveryRecord {
  subscriptionId: string;
  notificationId: number;
  /** The event's id (the delivery's `id`), the same for every subscription it reached. */
  eventId: string;
  eventType: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  durationMs: number;
  /** The receiver's last HTTP status, when it answered. */
  httpStatus?: number;
}

/** A notification ready to send: where, with which headers, and its JSON body. */
export interface Notification {
  subscriptionId: string;
  notificationId: number;
  eventId: string;
  eventType: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

const attemptTimeoutMs = 20_000;

class RetryableDelivery extends Error {}

/** The deliveries of one stand-in: the log, the in-flight set and the notifications sent (for redelivery). */
export class HookDeliveries {
  private readonly log: DeliveryRecord[] = [];
  private readonly sent = new Map<number, Notification>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly closing = new AbortController();

  constructor(private readonly retry: DeliveryRetry = { retries: 4, minDelayMs: 250 }) {}

  /** Send a notification in the background. */
  deliver(n: Notification): void {
    this.sent.set(n.notificationId, n);
    this.track(this.send(n));
  }

  /** Send an earlier notification again, unchanged (same `notificationId` and `id`); false when there is none. */
  redeliver(notificationId: number): boolean {
    const n = this.sent.get(notificationId);
    if (!n) return false;
    this.track(this.send(n));
    return true;
  }

  /** The deliveries so far, oldest first (copies). */
  deliveries(): DeliveryRecord[] {
    return this.log.map((r) => ({ ...r }));
  }

  /** Resolves once no delivery is in flight (including those started while waiting). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Stop retrying and abort the attempts in flight. */
  close(): void {
    this.closing.abort();
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async send(n: Notification): Promise<void> {
    const record: DeliveryRecord = { subscriptionId: n.subscriptionId, notificationId: n.notificationId, eventId: n.eventId, eventType: n.eventType, status: 'pending', attempts: 0, durationMs: 0 };
    this.log.push(record);
    const t0 = performance.now();
    try {
      await pRetry(
        async (attempt) => {
          record.attempts = attempt;
          const signal = AbortSignal.any([this.closing.signal, AbortSignal.timeout(attemptTimeoutMs)]);
          const res = await fetch(n.url, { method: 'POST', headers: n.headers, body: n.body, redirect: 'manual', signal });
          await res.arrayBuffer();
          record.httpStatus = res.status;
          if (res.status >= 200 && res.status < 300) return;
          const failure = `the receiver answered ${res.status}`;
          throw res.status === 408 || res.status === 429 || res.status >= 500 ? new RetryableDelivery(failure) : new AbortError(failure);
        },
        { retries: this.retry.retries, factor: 2, minTimeout: this.retry.minDelayMs, randomize: false, signal: this.closing.signal },
      );
      record.status = 'succeeded';
    } catch {
      record.status = 'failed';
    } finally {
      record.durationMs = Math.round(performance.now() - t0);
    }
  }
}
