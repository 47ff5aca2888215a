/** Stands in for an adapter: functions/, domain and ports must not import it. */
export class QueueAdapter {
  readonly name = 'queue';
}
