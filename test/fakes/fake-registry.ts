import type { ImageRegistry } from '../../shared/ports/external-systems.js';
import { FaultPlan } from './faults.js';
import type { World } from './world.js';

/** The key of an image tag in the fake registry. */
export const tagKey = (registry: string, repository: string, tag: string): string => `${registry}/${repository}:${tag}`;

/** A container registry in memory: tag → digest. */
export class FakeImageRegistry implements ImageRegistry {
  readonly faults = new FaultPlan('registry');
  constructor(private readonly world: World) {}

  /** Make `repository:tag` exist with `digest`. */
  push(registry: string, repository: string, tag: string, digest: string): void {
    this.world.state.tags[tagKey(registry, repository, tag)] = digest;
    this.world.changed();
  }

  async findTag(registry: string, repository: string, tag: string): Promise<{ digest: string } | null> {
    await this.faults.enter('findTag');
    const digest = this.world.state.tags[tagKey(registry, repository, tag)];
    return digest ? { digest } : null;
  }
}
