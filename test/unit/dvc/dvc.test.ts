import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../../../shared/domain/errors.js';
import { dataFingerprint } from '../../../shared/domain/dvc/fingerprint.js';
import { parseDirManifest } from '../../../shared/domain/dvc/manifest.js';
import { dataNotPushed } from '../../../shared/domain/dvc/missing-objects.js';
import { parseDvcFile, parseDvcLock, parseTrackedFile } from '../../../shared/domain/dvc/outputs.js';
import { parseDvcConfig, remoteKey, remoteUrlFor } from '../../../shared/domain/dvc/remote.js';

describe('DVC files', () => {
  it('parses a DVC 3 directory output relative to the .dvc file', () => {
    const outs = parseDvcFile('outs:\n- md5: 6b18131dc289fd37006705affe961ef8.dir\n  size: 12\n  nfiles: 2\n  hash: md5\n  path: data\n', 'datasets/data.dvc');
    assert.deepEqual(outs, [{ path: 'datasets/data', md5: '6b18131dc289fd37006705affe961ef8.dir', size: 12, nfiles: 2, hashAlgorithm: 'md5', isDir: true, inRemote: true, declaredIn: 'datasets/data.dvc' }]);
  });

  it('treats an output without `hash` as legacy DVC 2 (md5-dos2unix)', () => {
    const [o] = parseDvcFile('outs:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  path: foo\n', 'foo.dvc');
    assert.equal(o?.hashAlgorithm, 'md5-dos2unix');
    assert.equal(o?.isDir, false);
  });

  it('honours wdir, cache: false, push: false and a named remote', () => {
    const outs = parseDvcFile(
      'wdir: ../raw\nouts:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  hash: md5\n  path: a.csv\n  cache: false\n- md5: 37b51d194a7513e45b56f6524f2d51f2\n  hash: md5\n  path: b.csv\n  remote: backup\n- md5: 37b51d194a7513e45b56f6524f2d51f3\n  hash: md5\n  path: c.csv\n  push: false\n',
      'meta/x.dvc',
    );
    assert.deepEqual(outs.map((o) => [o.path, o.inRemote, o.remote]), [['raw/a.csv', false, undefined], ['raw/b.csv', true, 'backup'], ['raw/c.csv', false, undefined]]);
  });

  it('reads the outs of every stage of a dvc.lock', () => {
    const lock = `schema: '2.0'\nstages:\n  prepare:\n    cmd: python prep.py\n    deps:\n    - path: prep.py\n      hash: md5\n      md5: 11111111111111111111111111111111\n    outs:\n    - path: prepared\n      hash: md5\n      md5: 6b18131dc289fd37006705affe961ef8.dir\n      size: 12\n      nfiles: 2\n  train:\n    cmd: python train.py\n    outs:\n    - path: model.pkl\n      hash: md5\n      md5: 3863d0e317dee0a55c4e59d2ec0eef33\n      size: 1234\n`;
    const outs = parseTrackedFile(lock, 'pipeline/dvc.lock');
    assert.deepEqual(outs.map((o) => [o.path, o.isDir]), [['pipeline/prepared', true], ['pipeline/model.pkl', false]]);
    assert.throws(() => parseDvcLock("schema: '1.0'\nstages: {}\n", 'dvc.lock'), (e) => isAppError(e, 'VALIDATION') && /schema/.test(e.message));
  });

  for (const [name, text, pattern] of [
    ['invalid YAML', 'outs: [', /not valid YAML/],
    ['no outs', 'deps: []\n', /outs/],
    ['an output without md5', 'outs:\n- path: data\n  hash: md5\n', /has no md5/],
    ['a malformed md5', 'outs:\n- path: data\n  md5: xyz\n', /md5/],
    ['a path escaping the repository', 'outs:\n- path: ../../etc\n  md5: acbd18db4cc2f85cedef654fccc4a4d8\n', /outside the repository/],
    ['a cloud-versioned output', 'outs:\n- path: data\n  files: []\n', /cloud-versioned/],
    ['another hash algorithm', 'outs:\n- path: data\n  md5: acbd18db4cc2f85cedef654fccc4a4d8\n  hash: sha256\n', /only md5/],
  ] as const) {
    it(`rejects ${name} as VALIDATION`, () => {
      assert.throws(() => parseDvcFile(text, 'data.dvc'), (e) => isAppError(e, 'VALIDATION') && pattern.test(e.message) && e.message.startsWith('data.dvc'));
    });
  }
});

describe('DVC remote layout', () => {
  it('uses files/md5/ for DVC 3 and the bare layout for DVC 2', () => {
    assert.equal(remoteKey('acbd18db4cc2f85cedef654fccc4a4d8', 'md5'), 'files/md5/ac/bd18db4cc2f85cedef654fccc4a4d8');
    assert.equal(remoteKey('acbd18db4cc2f85cedef654fccc4a4d8', 'md5-dos2unix'), 'ac/bd18db4cc2f85cedef654fccc4a4d8');
    assert.equal(remoteKey('6b18131dc289fd37006705affe961ef8.dir', 'md5'), 'files/md5/6b/18131dc289fd37006705affe961ef8.dir');
  });

  it('reads the default and named remotes from .dvc/config', () => {
    const cfg = parseDvcConfig(`[core]\n    remote = storage\n['remote "storage"']\n    url = s3://dvc-bucket/project\n    endpointurl = http://minio:9000\n['remote "backup"']\n    url = s3://other/x\n`);
    assert.deepEqual(cfg, { defaultRemote: 'storage', urls: { storage: 's3://dvc-bucket/project', backup: 's3://other/x' } });
    const out = { path: 'd', md5: 'acbd18db4cc2f85cedef654fccc4a4d8', hashAlgorithm: 'md5' as const, isDir: false, inRemote: true, declaredIn: 'd.dvc' };
    assert.equal(remoteUrlFor(out, undefined, cfg), 's3://dvc-bucket/project');
    assert.equal(remoteUrlFor(out, 's3://configured/p', cfg), 's3://configured/p');
    assert.equal(remoteUrlFor({ ...out, remote: 'backup' }, 's3://configured/p', cfg), 's3://other/x');
    assert.throws(() => remoteUrlFor(out, undefined, null), (e) => isAppError(e, 'VALIDATION'));
    assert.throws(() => remoteUrlFor(out, undefined, { defaultRemote: 'l', urls: { l: '/mnt/dvc' } }), /not an s3/);
  });

  it('parses .dir manifests and refuses paths outside the directory', () => {
    const text = '[{"md5": "acbd18db4cc2f85cedef654fccc4a4d8", "relpath": "bar"}, {"md5": "37b51d194a7513e45b56f6524f2d51f2", "relpath": "sub/foo"}]';
    assert.deepEqual(parseDirManifest(text, 'k'), [{ md5: 'acbd18db4cc2f85cedef654fccc4a4d8', relpath: 'bar' }, { md5: '37b51d194a7513e45b56f6524f2d51f2', relpath: 'sub/foo' }]);
    assert.throws(() => parseDirManifest('[{"md5": "acbd18db4cc2f85cedef654fccc4a4d8", "relpath": "../x"}]', 'k'), /outside/);
    assert.throws(() => parseDirManifest('{', 'k'), /not valid JSON/);
  });

  it('fingerprints independently of order, and changes with any md5', () => {
    const a = { path: 'a', md5: 'acbd18db4cc2f85cedef654fccc4a4d8' };
    const b = { path: 'b', md5: '37b51d194a7513e45b56f6524f2d51f2' };
    assert.equal(dataFingerprint([a, b]), dataFingerprint([b, a]));
    assert.notEqual(dataFingerprint([a, b]), dataFingerprint([a, { ...b, md5: '37b51d194a7513e45b56f6524f2d51f3' }]));
    assert.match(dataFingerprint([a]), /^[0-9a-f]{64}$/);
  });

  it('DATA_NOT_PUSHED names the missing paths, at most twenty', () => {
    const missing = Array.from({ length: 25 }, (_, i) => ({ remoteUrl: 's3://b/p', key: `k${i}`, path: `data/f${i}.csv` }));
    const e = dataNotPushed(missing);
    assert.equal(e.code, 'DATA_NOT_PUSHED');
    assert.equal(e.retryable, false);
    assert.match(e.message, /dvc push.*data\/f0\.csv.*data\/f19\.csv and 5 more/);
  });
});
