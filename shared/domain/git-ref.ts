import { z } from './zod.js';

/*
 * What a caller may name as the source of a run: a branch or tag name following `git check-ref-format`
 * (one-level names such as `main` allowed), or a full or abbreviated commit sha. Refs reach `git` command lines and
 * the run record, so a ref that git would read as an option (`--upload-pack=…`), a range (`a..b`), a revision
 * expression (`main^`, `@{u}`, `x:path`) or a path walk (`main/../../x`) is refused where it enters, not when the run
 * fails later.
 */

/** Longest ref accepted (Cosmos documents and log lines stay small). */
export const maxGitRefLength = 250;

/** A full (40) or abbreviated (7-39) hexadecimal commit id; `git check-ref-format` also accepts these as names. */
const commitShaPrefix = /^[0-9a-fA-F]{7,40}$/;

/** Why `ref` breaks the `git check-ref-format --allow-onelevel` rules (plus no leading `-`), or null when it is valid. */
export function gitRefProblem(ref: string): string | null {
  if (ref.length === 0) return 'must not be empty';
  if (ref.length > maxGitRefLength) return `must be at most ${maxGitRefLength} characters`;
  if (commitShaPrefix.test(ref)) return null;
  if (ref.startsWith('-')) return "must not start with '-'";
  // Control characters, DEL, space and the characters git reserves for revision syntax and globs.
  if ([...ref].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return 'must not contain control characters';
  if (/[ ~^:?*[\\]/.test(ref)) return 'must not contain a space or any of ~ ^ : ? * [ \\';
  if (ref.includes('..')) return "must not contain '..'";
  if (ref.includes('@{')) return "must not contain '@{'";
  if (ref === '@') return "must not be '@'";
  if (ref.startsWith('/') || ref.endsWith('/') || ref.includes('//')) return "must not start or end with '/' or contain '//'";
  if (ref.endsWith('.')) return "must not end with '.'";
  for (const part of ref.split('/')) {
    if (part.startsWith('.')) return "no '/'-separated part may start with '.'";
    if (part.endsWith('.lock')) return "no '/'-separated part may end with '.lock'";
  }
  return null;
}

/**
 * `gitRefProblem`'s rules as one regular expression (ECMAScript and Python syntax alike), for the OpenAPI document:
 * a hex commit id, or a name with none of the forbidden characters, sequences, starts and ends.
 */
export const gitRefPattern =
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  /^(?:[0-9a-fA-F]{7,40}|(?![-/])(?!@$)(?!.*(?:\.\.|@\{|\/\/|\/$|\.$|(?:^|\/)\.|\.lock(?:\/|$)))[^\x00-\x20\x7f~^:?*\x5b\\]{1,250})$/;

/** True when `ref` is a valid branch, tag or commit name (`gitRefProblem` finds nothing). */
export const isGitRef = (ref: string): boolean => gitRefProblem(ref) === null;

/** A git ref at a boundary (HTTP body, queue message, pipeline source): the rules of `gitRefProblem`, in the OpenAPI document too. */
export const gitRefSchema = z
  .string()
  .min(1)
  .max(maxGitRefLength)
  .superRefine((ref, ctx) => {
    const problem = gitRefProblem(ref);
    if (problem) ctx.addIssue({ code: 'custom', message: `is not a valid git ref: ${problem}` });
  })
  .openapi({
    pattern: gitRefPattern.source,
    description:
      'A branch or tag name valid for `git check-ref-format --allow-onelevel` (no `..`, `@{`, control characters, space, `~ ^ : ? * [ \\`, ' +
      "no part starting with '.' or ending with '.lock', no leading '-' or '/', no trailing '/' or '.'), or a 7-40 character hex commit id.",
  });
