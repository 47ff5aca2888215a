import { git, GitCommandError } from '../../shared/adapters/git/git-cli.js';
import { adoError, type Reply } from './replies.js';

/*
 * The Git REST resources of the stand-in (refs, commits, items, commit diffs), answered from a real repository on
 * this machine with the git CLI, in Azure DevOps's JSON shapes (camelCase, enums as strings, paths with a leading /).
 */

const shaPattern = /^[0-9a-f]{40}$/;

/** The commit a version descriptor names (`versionType` as a number or its name), or null when it resolves to none. */
async function resolveVersion(dir: string, version: string | null, versionType: string | null): Promise<string | null> {
  const type = (versionType ?? 'branch').toLowerCase();
  const name = version ?? 'main';
  const rev = type === '2' || type === 'commit' ? name : type === '1' || type === 'tag' ? `refs/tags/${name}` : `refs/heads/${name}`;
  if (rev.startsWith('-') || /[\s:]/.test(rev)) return null;
  try {
    const out = (await git(dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`])).toString('utf8').trim();
    return shaPattern.test(out) ? out : null;
  } catch (e) {
    if (e instanceof GitCommandError) return null;
    throw e;
  }
}

const unresolvable = (version: string | null, type: string | null): Reply =>
  adoError(404, 'GitUnresolvableToCommitException', `TF401175: The version descriptor <${type ?? 'Branch'}: ${version ?? ''}> could not be resolved to a version in the repository.`);

/** `GET .../refs?filter=heads/x&peelTags=true`; pull-request refs (`refs/pull/N/merge`) only when the filter asks for them. */
export async function refs(dir: string, q: URLSearchParams): Promise<Reply> {
  const prefix = `refs/${q.get('filter') ?? ''}`;
  const spaces = prefix.startsWith('refs/pull/') ? ['refs/pull'] : ['refs/heads', 'refs/tags'];
  const out = (await git(dir, ['for-each-ref', '--format=%(refname)%00%(objectname)%00%(*objectname)', ...spaces])).toString('utf8');
  const peel = q.get('peelTags') === 'true';
  const value = out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\0'))
    .filter(([name]) => (name ?? '').startsWith(prefix))
    .map(([name, objectId, peeled]) => ({ name, objectId, ...(peel && peeled ? { peeledObjectId: peeled } : {}) }));
  return { status: 200, json: { value, count: value.length } };
}

/** `GET .../commits/{commitId}`. */
export async function commit(dir: string, id: string): Promise<Reply> {
  const sha = shaPattern.test(id) ? await resolveVersion(dir, id, 'commit') : null;
  if (!sha) return adoError(404, 'GitObjectNotFoundException', `TF401174: The commit ${id} could not be found in the repository.`);
  const [tree, parents, an, ae, ad, cn, ce, cd, comment] = (await git(dir, ['show', '-s', '--format=%T%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B', sha])).toString('utf8').split('\0');
  return {
    status: 200,
    json: {
      commitId: sha,
      treeId: tree,
      parents: (parents ?? '').split(' ').filter((p) => p !== ''),
      author: { name: an, email: ae, date: ad },
      committer: { name: cn, email: ce, date: cd },
      comment: (comment ?? '').trim(),
    },
  };
}

/** The type and id of `path` (`/` is the root) at `sha`, or null. */
async function entryAt(dir: string, sha: string, path: string): Promise<{ type: 'tree' | 'blob' | 'commit'; id: string } | null> {
  const p = path.replace(/^\/+/, '').replace(/\/+$/, '');
  if (p === '') return { type: 'tree', id: (await git(dir, ['rev-parse', `${sha}^{tree}`])).toString('utf8').trim() };
  const out = (await git(dir, ['ls-tree', '-z', '--full-tree', sha, '--', p])).toString('utf8');
  const m = /^\d+ (tree|blob|commit) ([0-9a-f]{40})\t(.*)$/s.exec(out.split('\0')[0] ?? '');
  return m && m[3] === p ? { type: m[1] as 'tree' | 'blob' | 'commit', id: m[2] ?? '' } : null;
}

/** `GET .../items?path=&versionDescriptor.version=&versionDescriptor.versionType=`: raw content or `GitItem` JSON by `Accept`. */
export async function item(dir: string, q: URLSearchParams, accept: string): Promise<Reply> {
  const path = q.get('path') ?? '/';
  const version = q.get('versionDescriptor.version');
  const versionType = q.get('versionDescriptor.versionType');
  const sha = await resolveVersion(dir, version, versionType);
  if (!sha) return unresolvable(version, versionType);
  const entry = path.split('/').includes('..') ? null : await entryAt(dir, sha, path);
  if (!entry) {
    return adoError(404, 'GitItemNotFoundException', `TF401174: The item '${path}' could not be found in the repository at the version specified by '<Commit: ${sha}>'.`);
  }
  const normalized = `/${path.replace(/^\/+/, '').replace(/\/+$/, '')}`;
  const wantsRaw = /^(text\/plain|application\/octet-stream)/i.test(accept) || q.get('download') === 'true';
  if (wantsRaw && entry.type === 'blob') {
    const content = await git(dir, ['cat-file', 'blob', entry.id]);
    return { status: 200, raw: content, contentType: accept.startsWith('text/plain') ? 'text/plain; charset=utf-8' : 'application/octet-stream' };
  }
  return {
    status: 200,
    json: {
      objectId: entry.id,
      gitObjectType: entry.type,
      commitId: sha,
      path: normalized,
      ...(entry.type === 'tree' ? { isFolder: true } : {}),
    },
  };
}

/** `GET .../diffs/commits?baseVersion=&baseVersionType=&targetVersion=&targetVersionType=&$top=&$skip=`: paged. */
export async function commitDiffs(dir: string, q: URLSearchParams): Promise<Reply> {
  const base = await resolveVersion(dir, q.get('baseVersion'), q.get('baseVersionType'));
  if (!base) return unresolvable(q.get('baseVersion'), q.get('baseVersionType'));
  const target = await resolveVersion(dir, q.get('targetVersion'), q.get('targetVersionType'));
  if (!target) return unresolvable(q.get('targetVersion'), q.get('targetVersionType'));
  const common = (await git(dir, ['merge-base', base, target]).catch(() => Buffer.from(''))).toString('utf8').trim();
  const from = q.get('diffCommonCommit') === 'true' && common !== '' ? common : base;
  const out = (await git(dir, ['diff', '--name-status', '--no-renames', '-z', from, target, '--'])).toString('utf8').split('\0');
  const kinds: Record<string, string> = { A: 'add', M: 'edit', D: 'delete', T: 'edit' };
  const changes: { item: Record<string, unknown>; changeType: string }[] = [];
  const folders = new Set<string>();
  for (let i = 0; i + 1 < out.length; i += 2) {
    const path = out[i + 1] ?? '';
    changes.push({ item: { path: `/${path}`, gitObjectType: 'blob' }, changeType: kinds[(out[i] ?? 'M').charAt(0)] ?? 'edit' });
    // The service lists the folders whose content changed as edits of their own.
    const parts = path.split('/');
    for (let d = 1; d < parts.length; d++) folders.add(`/${parts.slice(0, d).join('/')}`);
  }
  for (const f of folders) changes.push({ item: { path: f, gitObjectType: 'tree', isFolder: true }, changeType: 'edit' });
  // Ahead: commits of the target the base lacks; behind: commits of the base the target lacks (a force push).
  const count = async (range: string): Promise<number> => Number((await git(dir, ['rev-list', '--count', range])).toString('utf8').trim());
  const [aheadCount, behindCount] = await Promise.all([count(`${base}..${target}`), count(`${target}..${base}`)]);
  const top = Math.min(Number(q.get('$top') ?? '100') || 100, 2000);
  const skip = Number(q.get('$skip') ?? '0') || 0;
  const page = changes.slice(skip, skip + top);
  const counts: Record<string, number> = {};
  for (const c of changes) {
    const key = `${c.changeType.charAt(0).toUpperCase()}${c.changeType.slice(1)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return {
    status: 200,
    json: { allChangesIncluded: skip + top >= changes.length, changeCounts: counts, changes: page, commonCommit: common, baseCommit: base, targetCommit: target, aheadCount, behindCount },
  };
}
