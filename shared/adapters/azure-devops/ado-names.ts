import { AppError } from '../../domain/errors.js';
import { adoNamePattern, adoOrganizationPattern } from '../../domain/ids.js';

/*
 * Names that reach Azure DevOps URLs, checked before use so a bad pipeline source fails with the field named. The
 * rules are Azure DevOps's own naming restrictions, as the pipeline schema states them (`shared/domain/ids.ts`).
 */

export type AdoNameKind = 'organization' | 'project' | 'repository';

/** Throw a VALIDATION error naming `kind` unless `value` is a valid Azure DevOps name of that kind. */
export function assertAdoName(kind: AdoNameKind, value: string): void {
  const ok = kind === 'organization' ? adoOrganizationPattern.test(value) : adoNamePattern.test(value);
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
