import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AdoConnection } from '../../shared/adapters/azure-devops/ado-connection.js';
import { startAzureDevOpsStandIn, type AzureDevOpsStandIn } from '../../stack/azure-devops/stand-in.js';
import { scratchGit } from '../support/scratch-git.js';

let root: string;
let repo: string;
let standIn: AzureDevOpsStandIn;
const pat = 'review-pat-0123456789';
const { sh, write } = scratchGit(() => repo);
const connection = (p = pat) => new AdoConnection({ auth: { pat: p }, orgUrl: (o) => standIn.orgUrl(o), timeoutMs: 10_000 });

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'mlcycle-ado-review-'));
  repo = join(root, 'training');
  mkdirSync(repo);
  sh(['init', '-q', '-b', 'main']);
  write('README.md', 'one\n');
  sh(['add', '-A']);
  sh(['commit', '-q', '-m', 'one']);
  standIn = await startAzureDevOpsStandIn({ repos: { 'contoso/ML Project/training': repo }, pipelines: [], pat, build: () => Promise.resolve() });
});
after(async () => {
  await standIn.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('Azure Repos commit diffs in the stand-in', () => {
  it('count the commits the target is ahead of and behind the base (a force push is behind)', async () => {
    const base = sh(['rev-parse', 'HEAD']);
    write('a.txt', '1\n');
    sh(['add', '-A']);
    sh(['commit', '-q', '-m', 'a']);
    write('b.txt', '2\n');
    sh(['add', '-A']);
    sh(['commit', '-q', '-m', 'b']);
    const ahead = sh(['rev-parse', 'HEAD']);
    sh(['checkout', '-q', '-b', 'rewritten', base]);
    write('c.txt', '3\n');
    sh(['add', '-A']);
    sh(['commit', '-q', '-m', 'c']);
    const rewritten = sh(['rev-parse', 'HEAD']);
    sh(['checkout', '-q', 'main']);
    const at = (version: string) => ({ version, versionType: 2 });
    const diff = (from: string, to: string) => connection().call('contoso', 'diff', (a) => a.git.getCommitDiffs('training', 'ML Project', false, 10, 0, at(from), at(to)));
    const forward = await diff(base, ahead);
    assert.deepEqual([forward?.aheadCount, forward?.behindCount], [2, 0]);
    const forced = await diff(ahead, rewritten);
    assert.deepEqual([forced?.aheadCount, forced?.behindCount], [1, 2]);
  });
});
