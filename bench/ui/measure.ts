import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';

/*
 * How `bench:ui` measures: the time from navigation start to the page showing its data, and the size of the
 * JavaScript the dashboard loads before any lazy chunk.
 */

/*
 * Recorded in the page before any of its own script runs (an init script, which the CSP does not govern): the moment
 * `<html data-ready>` takes a value, by a MutationObserver, so the figure is when the page set it, not when the
 * benchmark next polled. `performance.now()` counts from the document's time origin, which for a navigation is its
 * start (the navigation entry's `startTime` is 0 by definition), so the value is "navigation start to data shown",
 * with the request, the HTML, the scripts, the API calls and React's render in it. A string, not a function: tsx
 * compiles functions with helpers (`__name`) the page does not have. Init scripts run as the document is created,
 * before it has an <html> element, so the observer watches the document itself.
 */
const recordReady = `
  window.__readyAt = {};
  new MutationObserver(() => {
    const v = document.documentElement && document.documentElement.dataset.ready;
    if (v && window.__readyAt[v] === undefined) window.__readyAt[v] = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
`;

/** Install the ready recorder in every page the context opens. */
export async function recordPageReady(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: recordReady });
}

/** Open `url` as a fresh navigation and return the milliseconds from its start to `html[data-ready=page]`. */
export async function navigationToReady(context: BrowserContext, url: string, page: string, timeoutMs = 30_000): Promise<number> {
  const tab = await context.newPage();
  try {
    await tab.goto(url, { waitUntil: 'commit' });
    await tab.waitForSelector(`html[data-ready="${page}"]`, { state: 'attached', timeout: timeoutMs });
    const at = await tab.evaluate<number | undefined>(`window.__readyAt && window.__readyAt[${JSON.stringify(page)}]`);
    if (at === undefined) throw new Error(`the page ${url} became ready without the recorder seeing it`);
    return at;
  } finally {
    await tab.close();
  }
}

/** The median of a non-empty list. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The static imports and re-exports of an ES module (not `import()`, which is what lazy chunks use). */
function staticImports(source: string): string[] {
  const found = [...source.matchAll(/\b(?:import|export)\s*(?:[^();"'`]*?\bfrom\s*)?["']([^"']+\.js)["']/g)].map((m) => m[1]!);
  return found.filter((s) => s.startsWith('./') || s.startsWith('../') || s.startsWith('/'));
}

/**
 * Gzipped kilobytes (KiB, 1,024 bytes; node:zlib at level 9, each file on its own as a server compresses it) of the
 * JavaScript the dashboard loads at first: index.html's module scripts and modulepreloads, and everything they
 * import statically, transitively. Chunks reached only by `import()` (charts, the graph) are not counted.
 */
export function initialJsKbGzip(distWeb: string, base = '/api/ui/'): { kb: number; files: string[] } {
  const html = readFileSync(join(distWeb, 'index.html'), 'utf8');
  const entries = [
    ...[...html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]!),
  ].map((u) => (u.startsWith(base) ? u.slice(base.length) : u.replace(/^\//, '')));
  if (entries.length === 0) throw new Error('index.html names no module script');
  const seen = new Set<string>();
  const queue = [...entries];
  let bytes = 0;
  while (queue.length > 0) {
    const file = posix.normalize(queue.shift()!);
    // A string in a bundle that only looks like an import names no file: nothing is loaded for it.
    if (seen.has(file) || !existsSync(join(distWeb, file))) continue;
    seen.add(file);
    const source = readFileSync(join(distWeb, file));
    bytes += gzipSync(source, { level: 9 }).length;
    for (const spec of staticImports(source.toString('utf8'))) {
      queue.push(spec.startsWith('/') ? spec.slice(base.length) : posix.join(posix.dirname(file), spec));
    }
  }
  if (seen.size === 0) throw new Error(`index.html's scripts are not in ${distWeb}: run npm run build`);
  return { kb: Math.round((bytes / 1024) * 10) / 10, files: [...seen] };
}
