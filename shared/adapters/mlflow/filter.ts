import { AppError } from '../../domain/errors.js';

/** A string literal for an MLflow search filter: single quotes, or double quotes when the value holds a single quote. */
export function filterLiteral(value: string): string {
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  throw new AppError('VALIDATION', 'An MLflow search value cannot contain both single and double quotes');
}

/** A tag identifier in backticks, so keys with dots (`mlcycle.run_id`) read as one key. */
export function tagIdentifier(key: string): string {
  if (key.includes('`')) throw new AppError('VALIDATION', 'An MLflow tag key used in a search cannot contain a backtick');
  return `tags.\`${key}\``;
}
