import type { HostClock } from '../../devhost/host-clock.js';

/** A host clock that only moves when told: `advance` fires every timer that falls due, in order. */
export class ManualHostClock implements HostClock {
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private seq = 0;

  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  at(at: number, fn: () => void): () => void {
    const id = ++this.seq;
    this.timers.push({ at, fn, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  /** Move time forward by `ms`, firing due timers (with a pause between them so async work can re-arm). */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.current = Math.max(this.current, next.at);
      next.fn();
      await new Promise((r) => setTimeout(r, 20));
    }
    this.current = target;
  }
}
