import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { extract } from 'tar-stream';
import { buildAndPushImage, dockerfileCommands } from '../../stack/image-builder/index.js';
import { startRegistry, type RegistryEndpoint } from '../../stack/registry-server.js';
import { ensureRegistryTools } from '../../stack/registry-tools.js';

/*
 * The local image builder against a real registry (CNCF distribution from Debian's docker-registry): the training
 * folder at a commit becomes an OCI image whose digest depends only on the folder's content, readable back by
 * digest with plain HTTP and by skopeo, an independent client.
 */
let dir: string;
let repo: string;
let registry: RegistryEndpoint;

const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
const commitAll = (message: string): string => {
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', message);
  return git('rev-parse', 'HEAD');
};
const basic = () => `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`;
const build = (commitSha: string, tag: string) =>
  buildAndPushImage({ repoDir: repo, commitSha, codePath: 'training', dockerfile: 'training/Dockerfile', registryUrl: registry.url, repository: 'team/churn', tag, username: registry.username, password: registry.password });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlcycle-imgbuild-'));
  repo = join(dir, 'repo');
  mkdirSync(join(repo, 'training', 'pkg'), { recursive: true });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'training', 'Dockerfile'), 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["python", "train.py"]\nCMD ["--dvc-pull"]\n');
  writeFileSync(join(repo, 'training', 'train.py'), 'print("train")\n');
  writeFileSync(join(repo, 'training', 'run.sh'), '#!/bin/sh\nexec python train.py\n');
  chmodSync(join(repo, 'training', 'run.sh'), 0o755);
  writeFileSync(join(repo, 'training', 'pkg', 'util.py'), 'X = 1\n');
  writeFileSync(join(repo, 'data.dvc'), 'outs:\n- md5: a\n');
  registry = await startRegistry({ stateDir: join(dir, 'registry') });
});
after(async () => {
  await registry?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function layerFiles(layerDigest: string): Promise<Map<string, { mode: number; mtime: number; content: string; type: string }>> {
  const res = await fetch(`${registry.url}/v2/team/churn/blobs/${layerDigest}`, { headers: { authorization: basic() } });
  assert.equal(res.status, 200);
  const files = new Map<string, { mode: number; mtime: number; content: string; type: string }>();
  const ex = extract();
  const done = (async () => {
    for await (const entry of ex) {
      let content = '';
      for await (const c of entry) content += String(c);
      files.set(entry.header.name, { mode: entry.header.mode, mtime: entry.header.mtime.getTime(), content, type: entry.header.type });
    }
  })();
  ex.end(gunzipSync(Buffer.from(await res.arrayBuffer())));
  await done;
  return files;
}

describe('buildAndPushImage on a real registry', () => {
  it('pushes an OCI image of the folder under app/ whose digest depends only on the content', async () => {
    const first = commitAll('code');
    const { digest } = await build(first, 'v1');
    assert.match(digest, /^sha256:[0-9a-f]{64}$/);

    const head = await fetch(`${registry.url}/v2/team/churn/manifests/v1`, { method: 'HEAD', headers: { authorization: basic(), accept: 'application/vnd.oci.image.manifest.v1+json' } });
    assert.equal(head.headers.get('docker-content-digest'), digest);
    const manifest = (await (await fetch(`${registry.url}/v2/team/churn/manifests/${digest}`, { headers: { authorization: basic(), accept: 'application/vnd.oci.image.manifest.v1+json' } })).json()) as {
      mediaType: string;
      config: { digest: string };
      layers: { digest: string; mediaType: string }[];
    };
    assert.equal(manifest.mediaType, 'application/vnd.oci.image.manifest.v1+json');
    const config = (await (await fetch(`${registry.url}/v2/team/churn/blobs/${manifest.config.digest}`, { headers: { authorization: basic() } })).json()) as Record<string, unknown>;
    assert.deepEqual(config.config, { WorkingDir: '/app', Entrypoint: ['python', 'train.py'], Cmd: ['--dvc-pull'] });
    assert.equal(JSON.stringify(config).includes(first), false, 'nothing commit-specific in the config');

    const files = await layerFiles(manifest.layers[0]?.digest ?? '');
    assert.deepEqual([...files.keys()], ['app/', 'app/Dockerfile', 'app/pkg/', 'app/pkg/util.py', 'app/run.sh', 'app/train.py']);
    assert.equal(files.get('app/train.py')?.content, 'print("train")\n');
    assert.equal(files.get('app/run.sh')?.mode, 0o755);
    assert.equal(files.get('app/train.py')?.mode, 0o644);
    assert.equal(files.get('app/pkg/util.py')?.mtime, 0);

    // A data-only commit leaves the folder alone: the same image, byte for byte.
    writeFileSync(join(repo, 'data.dvc'), 'outs:\n- md5: b\n');
    const second = commitAll('data');
    assert.equal((await build(second, 'v2')).digest, digest);

    writeFileSync(join(repo, 'training', 'train.py'), 'print("train v2")\n');
    const third = commitAll('code change');
    assert.notEqual((await build(third, 'v3')).digest, digest);
  });

  it('is seen by skopeo, an independent client, with the same digest', async () => {
    const tools = await ensureRegistryTools();
    const sha = git('rev-parse', 'HEAD');
    const { digest } = await build(sha, 'skopeo');
    const out = execFileSync(tools.skopeo.binary, ['inspect', '--tls-verify=false', '--creds', `${registry.username}:${registry.password}`, `docker://${registry.host}/team/churn:skopeo`], {
      env: { ...process.env, ...tools.skopeo.env },
      encoding: 'utf8',
    });
    const inspected = JSON.parse(out) as { Digest: string; Architecture: string; Os: string };
    assert.equal(inspected.Digest, digest);
    assert.equal(inspected.Os, 'linux');
    assert.equal(inspected.Architecture, 'amd64');
  });

  it('reads exec-form ENTRYPOINT and CMD from the last stage only', () => {
    assert.deepEqual(dockerfileCommands('FROM a\nCMD ["x"]\nFROM b\nENTRYPOINT ["python", \\\n "t.py"]\n'), { Entrypoint: ['python', 't.py'] });
    assert.deepEqual(dockerfileCommands('FROM a\nCMD python t.py\n'), {});
  });
});
