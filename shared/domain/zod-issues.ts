import type { z } from './zod.js';
import type { FieldIssue } from './errors.js';

/** Turn zod issues into field issues named by their dotted JSON path (`$` for the root). */
export function toFieldIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = [prefix, path].filter((p) => p.length > 0).join('.') || '$';
    // zod says "expected X, received undefined" for an absent field; say it plainly.
    const message = issue.code === 'invalid_type' && /received undefined$/.test(issue.message) ? 'is required' : issue.message;
    return { field, message };
  });
}
