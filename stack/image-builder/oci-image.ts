import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { pack, type Header as TarHeader } from 'tar-stream';
import type { GitFile } from './git-files.js';

/*
 * A training image as OCI content, built from Git content alone so that the same tree always gives the same bytes:
 * one gzip layer holding the files under `app/` (what the example Dockerfile's `WORKDIR /app` + `COPY . .` does),
 * entries sorted, times 0, owner root, modes from Git; a config naming the working directory and the Dockerfile's
 * ENTRYPOINT/CMD; a manifest of the two. Nothing commit-specific goes in, so a commit that leaves the code alone
 * maps to the same digest.
 */

export const ociManifestType = 'application/vnd.oci.image.manifest.v1+json';
export const ociConfigType = 'application/vnd.oci.image.config.v1+json';
export const ociLayerType = 'application/vnd.oci.image.layer.v1.tar+gzip';

/** A piece of content with its digest. */
export interface Blob {
  digest: string;
  bytes: Buffer;
}

/** The image: its blobs (config and layer) and the manifest that names them. */
export interface OciImage {
  config: Blob;
  layer: Blob;
  manifest: Blob;
}

const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const blob = (bytes: Buffer): Blob => ({ digest: sha256(bytes), bytes });

/** The layer's tar: `app/`, each folder, then each file, sorted by path. */
export async function layerTar(files: GitFile[], root = 'app'): Promise<Buffer> {
  const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
  const dirs = new Set<string>([root]);
  for (const f of sorted) {
    const parts = f.path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(`${root}/${parts.slice(0, i).join('/')}`);
  }
  const fixed = { mtime: new Date(0), uid: 0, gid: 0, uname: '', gname: '' };
  const entries: { header: Partial<TarHeader> & { name: string }; content?: Buffer }[] = [
    ...[...dirs].map((name) => ({ header: { ...fixed, name: `${name}/`, type: 'directory' as const, mode: 0o755 } })),
    ...sorted.map((f) =>
      f.mode === '120000'
        ? { header: { ...fixed, name: `${root}/${f.path}`, type: 'symlink' as const, linkname: f.content.toString('utf8'), mode: 0o777 } }
        : { header: { ...fixed, name: `${root}/${f.path}`, type: 'file' as const, size: f.content.length, mode: f.mode === '100755' ? 0o755 : 0o644 }, content: f.content },
    ),
  ].sort((a, b) => Buffer.compare(Buffer.from(a.header.name), Buffer.from(b.header.name)));
  const tar = pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of tar) chunks.push(chunk as Buffer);
  })();
  for (const e of entries) {
    await new Promise<void>((resolve, reject) => tar.entry(e.header, e.content ?? Buffer.alloc(0), (err) => (err ? reject(err) : resolve())));
  }
  tar.finalize();
  await collected;
  return Buffer.concat(chunks);
}

/** `ENTRYPOINT` and `CMD` of a Dockerfile when written as JSON arrays (the exec form); the last of each wins. */
export function dockerfileCommands(dockerfile: string): { Entrypoint?: string[]; Cmd?: string[] } {
  const out: { Entrypoint?: string[]; Cmd?: string[] } = {};
  // Join continuation lines first: an instruction may span several.
  for (const line of dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const m = /^\s*(ENTRYPOINT|CMD)\s+(\[.*\])\s*$/i.exec(line);
    if (!m?.[1] || !m[2]) {
      // A new stage resets what the image inherits from the previous one.
      if (/^\s*FROM\s/i.test(line)) {
        delete out.Entrypoint;
        delete out.Cmd;
      }
      continue;
    }
    const value = parseStringArray(m[2]);
    if (!value) continue;
    if (m[1].toUpperCase() === 'ENTRYPOINT') out.Entrypoint = value;
    else out.Cmd = value;
  }
  return out;
}

function parseStringArray(text: string): string[] | null {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;
  } catch {
    return null;
  }
}

/** The image for `files` with the commands of `dockerfile` (see the file comment). */
export async function buildOciImage(files: GitFile[], dockerfile: string): Promise<OciImage> {
  const tar = await layerTar(files);
  // Level and header are fixed (no name, mtime 0), so the same tar always compresses to the same bytes.
  const layer = blob(gzipSync(tar, { level: 6 }));
  const config = blob(
    Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        config: { WorkingDir: '/app', ...dockerfileCommands(dockerfile) },
        rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
      }),
    ),
  );
  const manifest = blob(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: ociManifestType,
        config: { mediaType: ociConfigType, digest: config.digest, size: config.bytes.length },
        layers: [{ mediaType: ociLayerType, digest: layer.digest, size: layer.bytes.length }],
      }),
    ),
  );
  return { config, layer, manifest };
}
