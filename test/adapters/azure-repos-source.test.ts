import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AdoConnection } from '../../shared/adapters/azure-devops/ado-connection.js';
import { AzureReposSource } from '../../shared/adapters/azure-devops/azure-repos-source.js';
import { callCounts, resetCallCounts } from '../../shared/adapters/http/call-stats.js';
import { AppError } from '../../shared/domain/errors.js';
import type { Source } from '../../shared/domain/pipeline.js';
import { startAzureDevOpsStandIn, type AzureDevOpsStandIn } from '../../stack/azure-devops/stand-in.js';
import { scratchGit } from '../support/scratch-git.js';

/** The Azure Repos source port through the real azure-devops-node-api client, against the stand-in over a real git repository. */
let root: string;
let repo: string;
let standIn: AzureDevOpsStandIn;
let c1: string;
let c2: string;
const pat = 'test-pat-0123456789';

const { sh, write } = scratchGit(() => repo);

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'mlcycle-ado-src-'));
  repo = join(root, 'training');
  mkdirSync(repo);
  sh(['init', '-q', '-b', 'main']);
  write('data.dvc', 'outs:\n- md5: aaa\n  path: data\n');
  write('src/train.py', 'print(1)\n');
  sh(['add', '-A']);
  sh(['commit', '-q', '-m', 'one']);
  c1 = sh(['rev-parse', 'HEAD']);
  sh(['tag', '-a', 'v1', '-m', 'annotated']);
  sh(['tag', 'light', c1]);
  write('src/train.py', 'print(2)\n');
  write('dir with space/ünïcode.txt', 'x\n');
  for (let i = 0; i < 30; i++) write(`many/f${i}.txt`, `${i}\n`);
  sh(['add', '-A']);
  sh(['commit', '-q', '-m', 'two']);
  c2 = sh(['rev-parse', 'HEAD']);
  sh(['branch', 'feature', c1]);
  standIn = await startAzureDevOpsStandIn({ repos: { 'contoso/ML Project/training': repo }, pipelines: [], pat, entraTokens: ['entra-token-1', 'entra-token-2', 'entra-token-3'], build: () => Promise.resolve() });
});
after(async () => {
  await standIn.stop();
  rmSync(root, { recursive: true, force: true });
});

const source = (over: Partial<Extract<Source, { kind: 'azureRepos' }>> = {}): Source => ({ kind: 'azureRepos', organization: 'contoso', project: 'ML Project', repository: 'training', branch: 'main', ...over });
const repos = (p = pat) => new AzureReposSource(new AdoConnection({ auth: { pat: p }, orgUrl: (o) => standIn.orgUrl(o), timeoutMs: 10_000 }), { diffPageSize: 7 });
const isError = (code: string, pattern?: RegExp) => (e: unknown) => e instanceof AppError && e.code === code && (pattern === undefined || pattern.test(e.message));

describe('AzureReposSource', () => {
  it('resolves the branch head, another branch, an annotated and a lightweight tag and a full sha, counting its calls', async () => {
    resetCallCounts();
    const r = repos();
    assert.equal(await r.resolveCommit(source()), c2);
    assert.equal(await r.resolveCommit(source(), 'feature'), c1);
    assert.equal(await r.resolveCommit(source(), 'v1'), c1);
    assert.equal(await r.resolveCommit(source(), 'light'), c1);
    assert.equal(await r.resolveCommit(source(), 'refs/heads/feature'), c1);
    assert.equal(await r.resolveCommit(source(), c1), c1);
    assert.ok(callCounts().ado >= 6, `counted ${callCounts().ado} calls`);
  });

  it('names a missing ref and a missing commit; refuses refs and names that are not valid', async () => {
    await assert.rejects(repos().resolveCommit(source(), 'nope'), isError('PERMANENT', /ref 'nope' does not exist in contoso\/ML Project\/training/));
    await assert.rejects(repos().resolveCommit(source(), 'f'.repeat(40)), isError('PERMANENT', /Commit ffffffffffff is not in/));
    await assert.rejects(repos().resolveCommit(source(), 'a..b'), isError('VALIDATION'));
    await assert.rejects(repos().resolveCommit(source({ organization: 'bad/org' })), isError('VALIDATION', /organization/));
    await assert.rejects(repos().resolveCommit(source({ repository: 'a?b' })), isError('VALIDATION', /repository/));
    await assert.rejects(repos().resolveCommit(source({ repository: 'other' })), isError('PERMANENT', /does not exist/));
  });

  it('reads a file at a commit, null for a missing file or a folder, and an error for a missing commit', async () => {
    assert.equal(await repos().readFile(source(), c1, 'src/train.py'), 'print(1)\n');
    assert.equal(await repos().readFile(source(), c2, './src/train.py'), 'print(2)\n');
    assert.equal(await repos().readFile(source(), c1, 'dir with space/ünïcode.txt'), null);
    assert.equal(await repos().readFile(source(), c2, 'dir with space/ünïcode.txt'), 'x\n');
    assert.equal(await repos().readFile(source(), c2, 'src'), null);
    await assert.rejects(repos().readFile(source(), 'e'.repeat(40), 'data.dvc'), isError('PERMANENT', /Commit eeeeeeeeeeee is not in/));
    await assert.rejects(repos().readFile(source(), c1, '../etc/passwd'), isError('VALIDATION'));
    await assert.rejects(repos().readFile(source(), 'main', 'data.dvc'), isError('VALIDATION'));
  });

  it('lists the files changed between two commits, over several pages, without folders', async () => {
    const changed = (await repos().compareCommits(source(), c1, c2)).paths;
    const expected = sh(['diff', '--name-only', '--no-renames', c1, c2]).split('\n').map((p) => p.replace(/^"|"$/g, ''));
    assert.equal(changed.length, 32);
    assert.deepEqual(new Set(changed), new Set([...expected.filter((p) => !p.startsWith('dir')), 'dir with space/ünïcode.txt']));
    assert.deepEqual(await repos().compareCommits(source(), c2, c2), { paths: [], behind: 0 });
    await assert.rejects(repos().compareCommits(source(), c1, 'd'.repeat(40)), isError('PERMANENT', /Commit dddddddddddd is not in/));
  });

  it('reports Git object ids equal to git rev-parse <commit>:<path>, the root tree for `.`, null for a missing path', async () => {
    assert.deepEqual(await repos().objectId(source(), c2, 'src'), { type: 'tree', id: sh(['rev-parse', `${c2}:src`]) });
    assert.deepEqual(await repos().objectId(source(), c2, 'src/'), { type: 'tree', id: sh(['rev-parse', `${c2}:src`]) });
    assert.deepEqual(await repos().objectId(source(), c2, 'src/train.py'), { type: 'blob', id: sh(['rev-parse', `${c2}:src/train.py`]) });
    assert.deepEqual(await repos().objectId(source(), c1, '.'), { type: 'tree', id: sh(['rev-parse', `${c1}^{tree}`]) });
    assert.equal(await repos().objectId(source(), c1, 'many'), null);
    await assert.rejects(repos().objectId(source(), 'c'.repeat(40), 'src'), isError('PERMANENT', /Commit cccccccccccc is not in/));
  });

  it('fails with a CONFIG error naming the scopes for a wrong PAT, and never shows the PAT', async () => {
    await assert.rejects(repos('wrong-pat-secret').resolveCommit(source()), (e: unknown) => {
      assert.ok(e instanceof AppError && e.code === 'CONFIG' && /Code \(read & write/.test(e.message), String(e));
      assert.ok(!JSON.stringify(e.toJSON()).includes('wrong-pat-secret'));
      return true;
    });
  });

  it('fails a call to an Azure DevOps that never answers at its deadline, as retryable', async () => {
    const hung = createServer(() => undefined);
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`;
    try {
      const r = new AzureReposSource(new AdoConnection({ auth: { pat }, orgUrl: (o) => `${url}/${o}`, timeoutMs: 300 }));
      await assert.rejects(r.resolveCommit(source()), (e: unknown) => e instanceof AppError && e.retryable);
    } finally {
      hung.closeAllConnections();
      await new Promise((resolve) => hung.close(resolve));
    }
  });

  it('with the managed identity, sends its Entra token for Azure DevOps, asks again only when it nears expiry, and says what to fix without one', async () => {
    const scopes: string[] = [];
    let expiresIn = 3_600_000;
    let issued = 0;
    const credential = {
      getToken: (scope: string | string[]) => {
        scopes.push(String(scope));
        issued += 1;
        return Promise.resolve({ token: `entra-token-${issued}`, expiresOnTimestamp: Date.now() + expiresIn });
      },
    };
    const viaEntra = new AzureReposSource(new AdoConnection({ auth: { credential }, orgUrl: (o) => standIn.orgUrl(o), timeoutMs: 10_000 }));
    assert.equal(await viaEntra.resolveCommit(source()), c2);
    assert.equal(await viaEntra.readFile(source(), c1, 'src/train.py'), 'print(1)\n');
    assert.deepEqual(scopes, ['499b84ac-1321-427f-aa17-267ca6975798/.default'], 'one token for both calls');
    expiresIn = 60_000;
    const nearExpiry = new AzureReposSource(new AdoConnection({ auth: { credential }, orgUrl: (o) => standIn.orgUrl(o), timeoutMs: 10_000 }));
    await nearExpiry.resolveCommit(source());
    await nearExpiry.resolveCommit(source());
    assert.equal(scopes.length, 3, 'a token about to lapse is renewed before the next call');
    const noToken = new AzureReposSource(new AdoConnection({ auth: { credential: { getToken: () => Promise.resolve(null) } }, orgUrl: (o) => standIn.orgUrl(o), timeoutMs: 10_000 }));
    await assert.rejects(noToken.resolveCommit(source()), isError('CONFIG', /managed identity gave no token for Azure DevOps/));
    const stranger = { getToken: () => Promise.resolve({ token: 'identity-not-in-the-organization', expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const refused = new AzureReposSource(new AdoConnection({ auth: { credential: stranger }, orgUrl: (o) => standIn.orgUrl(o), timeoutMs: 10_000 }));
    await assert.rejects(refused.resolveCommit(source()), (e: unknown) => isError('CONFIG', /managed identity needs access to the organization/)(e) && !String((e as Error).message).includes('identity-not-in'));
  });
});
