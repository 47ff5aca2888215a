import type { z } from 'zod';
import type { FieldIssue } from './errors.js';

/** Turn zod issues into field issues named by their dotted JSON path (`$` for the root). */
export function toFieldIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = [prefix, path].filter((p) => p.length > 0).join('.') || '$';
    return { field, message: issue.message };
  });
}
