import { ociManifestType, type Blob, type OciImage } from './oci-image.js';

/*
 * Pushing an image over the distribution API with basic auth: each blob unless the registry has it (HEAD), as a
 * monolithic upload (POST a session, PUT its Location with `?digest=`), then the manifest under the tag.
 */

export interface PushTarget {
  /** `http://127.0.0.1:5000` (the local registry speaks plain http on loopback). */
  registryUrl: string;
  repository: string;
  tag: string;
  username: string;
  password: string;
  timeoutMs?: number;
}

/** Push `image` to `target`; resolves with the manifest digest the registry reports (checked against ours). */
export async function pushImage(image: OciImage, target: PushTarget): Promise<{ digest: string }> {
  const call = caller(target);
  for (const b of [image.layer, image.config]) await pushBlob(call, target.repository, b);
  const res = await call('PUT', `/v2/${target.repository}/manifests/${target.tag}`, { 'content-type': ociManifestType }, image.manifest.bytes);
  await expectStatus(res, 201, `PUT manifest ${target.repository}:${target.tag}`);
  const reported = res.headers.get('docker-content-digest');
  if (reported !== image.manifest.digest) {
    throw new Error(`registry reported manifest digest ${reported ?? '(none)'} for ${target.repository}:${target.tag}, expected ${image.manifest.digest}`);
  }
  return { digest: image.manifest.digest };
}

type Call = (method: string, pathOrUrl: string, headers?: Record<string, string>, body?: Buffer) => Promise<Response>;

function caller(target: PushTarget): Call {
  const authorization = `Basic ${Buffer.from(`${target.username}:${target.password}`).toString('base64')}`;
  return (method, pathOrUrl, headers = {}, body) =>
    fetch(new URL(pathOrUrl, target.registryUrl), {
      method,
      headers: { authorization, ...headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      ...(body ? { body } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(target.timeoutMs ?? 60_000),
    });
}

async function pushBlob(call: Call, repository: string, b: Blob): Promise<void> {
  const head = await call('HEAD', `/v2/${repository}/blobs/${b.digest}`);
  if (head.status === 200) return;
  const start = await call('POST', `/v2/${repository}/blobs/uploads/`);
  await expectStatus(start, 202, `POST blob upload to ${repository}`);
  const location = start.headers.get('location');
  if (!location) throw new Error(`registry started an upload to ${repository} without a Location`);
  // The Location may be relative and may carry its own query (upload state): add the digest to it.
  const url = new URL(location, 'http://placeholder.invalid');
  url.searchParams.set('digest', b.digest);
  const put = await call('PUT', location.startsWith('/') ? `${url.pathname}${url.search}` : url.toString(), { 'content-type': 'application/octet-stream' }, b.bytes);
  await expectStatus(put, 201, `PUT blob ${b.digest} to ${repository}`);
}

async function expectStatus(res: Response, status: number, what: string): Promise<void> {
  if (res.status === status) {
    await res.body?.cancel();
    return;
  }
  const text = (await res.text()).slice(0, 500);
  throw new Error(`${what}: HTTP ${res.status}${text ? ` ${text}` : ''}`);
}
