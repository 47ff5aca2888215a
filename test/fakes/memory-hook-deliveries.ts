import type { HookDelivery } from '../../shared/domain/ado-hooks/delivery.js';
import type { HookOutcome } from '../../shared/domain/ado-hooks/event.js';
import type { HookDeliveryStore } from '../../shared/ports/hook-delivery-store.js';
import type { Page } from '../../shared/ports/pipeline-store.js';

/** The service-hook delivery log in memory, with the Cosmos store's create-once semantics. */
export class MemoryHookDeliveryStore implements HookDeliveryStore {
  readonly byId = new Map<string, HookDelivery>();

  async record(delivery: HookDelivery): Promise<{ created: boolean; record: HookDelivery }> {
    const existing = this.byId.get(delivery.id);
    if (existing) return { created: false, record: structuredClone(existing) };
    this.byId.set(delivery.id, structuredClone(delivery));
    return { created: true, record: structuredClone(delivery) };
  }

  async remove(id: string): Promise<void> {
    this.byId.delete(id);
  }

  async complete(id: string, result: { outcomes: HookOutcome[]; detail?: string }, at: string): Promise<void> {
    const d = this.byId.get(id);
    if (d) this.byId.set(id, { ...d, outcomes: structuredClone(result.outcomes), ...(result.detail ? { detail: result.detail } : {}), processedAt: at });
  }

  async list(opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<HookDelivery>> {
    const all = [...this.byId.values()].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    const start = Number(opts.continuationToken ?? 0);
    const items = all.slice(start, start + opts.limit).map((d) => structuredClone(d));
    return start + opts.limit < all.length ? { items, continuationToken: String(start + opts.limit) } : { items };
  }
}
