import type { BrowserContext, Page } from 'playwright-core';
import type { SeedText } from './dashboard-seed.js';

/*
 * Text that would run code if a page rendered it as markup or made a link of it, and the checks that a page kept it
 * inert: no dialog, no side effect, no element made from it, no `javascript:` link, and the text shown as text.
 */

/** The markup planted in a field, after the field's name (so a check can say which field it looks for). */
export const payload = '<img src=x onerror=window.__xss=1><script>window.__xss=2</script><svg onload=alert(1)> <a href="javascript:alert(1)">link</a>';

/** The planted text of one field. */
export const hostile = (field: string): string => `${field} ${payload}`;

/** A URL an external system could report that must never become a link. */
export const hostileUrl = 'javascript:alert(1)//';

/** Seed text with markup in every field and `javascript:` in every external URL. */
export const hostileText: SeedText = { text: hostile, url: () => hostileUrl };

/** What `inspectPage` reports. */
interface Found {
  xss: unknown;
  images: number;
  svgs: number;
  handlers: string[];
  badLinks: string[];
  badSources: string[];
  scripts: string[];
  text: string;
}

// A string evaluated in the page: this project's types have no DOM, and tsx would add helpers the page lacks.
const inspectPage = `(() => {
  const links = [...document.querySelectorAll('a[href], area[href]')].map((a) => a.protocol);
  return {
    xss: window.__xss,
    images: document.querySelectorAll('img[src="x"]').length,
    svgs: document.querySelectorAll('svg[onload]').length,
    handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).map((e) => e.tagName),
    badLinks: links.filter((p) => p !== 'http:' && p !== 'https:'),
    badSources: [...document.querySelectorAll('[src], iframe, object, embed')].map((e) => e.getAttribute('src') || e.tagName).filter((s) => /^\\s*javascript:/i.test(s) || /^(IFRAME|OBJECT|EMBED)$/.test(s)),
    scripts: [...document.scripts].map((s) => s.src || 'inline: ' + s.textContent.slice(0, 60)),
    text: document.body.innerText,
  };
})()`;

/** What a visit to a page found. */
export interface Visit {
  page: Page;
  dialogs: string[];
  /** The page's visible text. */
  text: string;
  /** Problems with inertness (empty when the page kept every planted text inert). */
  problems: string[];
}

/**
 * Open `path` of the dashboard, wait for `html[data-ready=ready]` and for lazy parts to settle, and check that
 * nothing planted ran or became markup or a link.
 */
export async function visitInert(context: BrowserContext, url: string, ready: string): Promise<Visit> {
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  await page.waitForSelector(`html[data-ready="${ready}"]`, { state: 'attached', timeout: 20_000 });
  // Lazily loaded parts (the graph, the chart) render after the data; a finished run polls no more.
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  const found = await page.evaluate<Found>(inspectPage);
  const problems: string[] = [];
  if (dialogs.length > 0) problems.push(`dialogs opened: ${dialogs.join(', ')}`);
  if (found.xss !== undefined) problems.push(`window.__xss was set to ${JSON.stringify(found.xss)}`);
  if (found.images > 0) problems.push(`${found.images} img[src=x] made from planted markup`);
  if (found.svgs > 0) problems.push(`${found.svgs} svg[onload] made from planted markup`);
  if (found.handlers.length > 0) problems.push(`elements with inline event handlers: ${found.handlers.join(', ')}`);
  if (found.badLinks.length > 0) problems.push(`links with protocols ${found.badLinks.join(', ')}`);
  if (found.badSources.length > 0) problems.push(`javascript: sources or frames: ${found.badSources.join(', ')}`);
  const origin = new URL(url).origin;
  const foreign = found.scripts.filter((s) => !s.startsWith(`${origin}/api/ui/assets/`));
  if (foreign.length > 0) problems.push(`scripts not from the dashboard's assets: ${foreign.join(', ')}`);
  return { page, dialogs, text: found.text, problems };
}

/** The fields among `fields` whose planted text the page does not show as text. */
export function missingText(visit: Visit, fields: string[]): string[] {
  const shown = (f: string) => `${f} ${payload.slice(0, payload.indexOf('>') + 1)}`;
  return fields.filter((f) => !visit.text.includes(shown(f)));
}
