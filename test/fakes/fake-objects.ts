import type { ObjectStore } from '../../shared/ports/external-systems.js';
import { FaultPlan } from './faults.js';
import type { World } from './world.js';

/** An S3 remote in memory: keys (with optional text) under each remote URL. */
export class FakeObjectStore implements ObjectStore {
  readonly faults = new FaultPlan('objects');
  constructor(private readonly world: World) {}

  /** Store an object (text for `.dir` manifests, null for opaque data). */
  put(remoteUrl: string, key: string, text: string | null = null): void {
    this.world.state.objects[`${remoteUrl.replace(/\/+$/, '')}/${key}`] = text;
    this.world.changed();
  }

  /** Remove an object (to simulate data that was never pushed). */
  remove(remoteUrl: string, key: string): void {
    delete this.world.state.objects[`${remoteUrl.replace(/\/+$/, '')}/${key}`];
    this.world.changed();
  }

  async missingKeys(remoteUrl: string, keys: string[]): Promise<string[]> {
    await this.faults.enter('missingKeys');
    const base = remoteUrl.replace(/\/+$/, '');
    return keys.filter((k) => !(`${base}/${k}` in this.world.state.objects));
  }

  async readText(remoteUrl: string, key: string): Promise<string | null> {
    await this.faults.enter('readText');
    return this.world.state.objects[`${remoteUrl.replace(/\/+$/, '')}/${key}`] ?? null;
  }
}
