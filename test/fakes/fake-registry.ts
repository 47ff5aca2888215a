import type { ImageRegistry } from '../../shared/ports/external-systems.js';
import { FaultPlan } from './faults.js';
import type { World } from './world.js';

/** The key of an image tag in the fake registry. */
export const tagKey = (registry: string, repository: string, tag: string): string => `${registry}/${repository}:${tag}`;

/** A container registry in memory: tag → digest (a manifest exists while some tag of its repository points at it). */
export class FakeImageRegistry implements ImageRegistry {
  readonly faults = new FaultPlan('registry');
  constructor(private readonly world: World) {}

  /** Make `repository:tag` exist with `digest`. */
  push(registry: string, repository: string, tag: string, digest: string): void {
    this.world.state.tags[tagKey(registry, repository, tag)] = digest;
    this.world.changed();
  }

  /** Delete the manifest `digest` from `repository`, with every tag pointing at it (as `DELETE /v2/<name>/manifests/<digest>`). */
  deleteManifest(registry: string, repository: string, digest: string): void {
    const prefix = tagKey(registry, repository, '');
    for (const [key, d] of Object.entries(this.world.state.tags)) if (key.startsWith(prefix) && d === digest) delete this.world.state.tags[key];
    this.world.changed();
  }

  async hasManifest(registry: string, repository: string, digest: string): Promise<boolean> {
    await this.faults.enter('hasManifest');
    const prefix = tagKey(registry, repository, '');
    return Object.entries(this.world.state.tags).some(([key, d]) => key.startsWith(prefix) && d === digest);
  }

  async findTag(registry: string, repository: string, tag: string): Promise<{ digest: string } | null> {
    await this.faults.enter('findTag');
    const digest = this.world.state.tags[tagKey(registry, repository, tag)];
    return digest ? { digest } : null;
  }
}
