import { AppError } from '../../domain/errors.js';

/*
 * Names that reach Azure DevOps URLs, checked before use so a bad pipeline source fails with the field named. The
 * rules are Azure DevOps's own naming restrictions (organization: letters, digits, dashes; project and repository:
 * no `\ / : * ? " < > | ; # $ { } , + = [ ]`, no control character, not starting with `_` or `.`, not ending with `.`).
 */

const organizationPattern = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,48}[A-Za-z0-9])?$/;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const projectOrRepoPattern = /^(?![_.])[^\\/:*?"<>|;#$*{},+=[\]%&\x00-\x1f\x7f]{1,64}(?<!\.)$/;

export type AdoNameKind = 'organization' | 'project' | 'repository';

/** Throw a VALIDATION error naming `kind` unless `value` is a valid Azure DevOps name of that kind. */
export function assertAdoName(kind: AdoNameKind, value: string): void {
  const ok = kind === 'organization' ? organizationPattern.test(value) : projectOrRepoPattern.test(value);
  if (!ok) {
    throw new AppError('VALIDATION', `'${value.slice(0, 80)}' is not a valid Azure DevOps ${kind} name`, {
      issues: [{ field: `source.${kind}`, message: `must be an Azure DevOps ${kind} name` }],
    });
  }
}

/**
 * A repository-relative path as Azure Repos names it (`/a/b.dvc`; `.` is the root `/`), refusing absolute paths,
 * `..`, backslashes and control characters.
 */
export function adoItemPath(path: string): string {
  const p = path.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  if (p === '.' || p === '') return '/';
  const control = [...p].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (p.startsWith('/') || p.includes('\\') || control || p.length > 512 || p.split('/').some((s) => s === '..' || s === '')) {
    throw new AppError('VALIDATION', `'${path.slice(0, 200)}' is not a path inside the repository`);
  }
  return `/${p}`;
}

const commitPattern = /^[0-9a-f]{40}$/;

/** Throw a VALIDATION error unless `sha` is a full lowercase commit id. */
export function assertCommitId(sha: string): void {
  if (!commitPattern.test(sha)) throw new AppError('VALIDATION', `'${sha.slice(0, 80)}' is not a full commit id`);
}
