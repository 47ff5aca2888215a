import type { Sourced } from './prices.js';

/* How docs/capacity.md writes numbers, money, table rows and sources: one place for both of its renderers. */

/** A whole number with thousands separators. */
export const int = (x: number): string => Math.round(x).toLocaleString('en-US');
/** A number with `digits` decimals and thousands separators. */
export const num = (x: number, digits = 1): string => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
/** US dollars to the cent, or `—` where the price table has no price. */
export const usd = (x: number | null): string => (x === null ? '—' : `$${num(x, 2)}`);
/** One Markdown table row. */
export const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
/** Markdown link and read date of a sourced value. */
export const cite = (s: Sourced): string => `[source](${s.source}), read ${s.read}`;
