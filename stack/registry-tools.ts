import { join } from 'node:path';
import { bundleLibDir, ensureDebianBundle } from './debian-packages.js';
import { silentSink, type ProgressSink } from './progress.js';

/*
 * The OCI registry of the local stack is Debian's `docker-registry` (CNCF distribution 2.8), and `skopeo` is the
 * independent client tests inspect images with. skopeo links libgpgme, which a slim system lacks, so its libraries
 * come along (see stack/debian-packages.ts).
 */

/** The packages unpacked into the cache (the version is whatever the host's apt lists hold). */
export const registryDebs = ['docker-registry', 'skopeo', 'libgpgme11', 'libassuan0'] as const;

/** The unpacked tools: the registry binary, and skopeo with the environment it needs. */
export interface RegistryTools {
  registry: string;
  skopeo: { binary: string; env: Record<string, string> };
}

/** The unpacked packages, downloading them once into `<cache>/debs/registry/`. */
export async function ensureRegistryTools(log: (line: string) => void = () => {}, sink: ProgressSink = silentSink): Promise<RegistryTools> {
  const root = await ensureDebianBundle({ name: 'registry', label: 'registry packages', packages: registryDebs, binaries: [join('usr', 'bin', 'skopeo')] }, log, sink);
  return {
    registry: join(root, 'usr', 'bin', 'docker-registry'),
    skopeo: { binary: join(root, 'usr', 'bin', 'skopeo'), env: { LD_LIBRARY_PATH: bundleLibDir(root) } },
  };
}
