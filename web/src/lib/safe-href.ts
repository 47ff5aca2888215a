/**
 * An external URL the page may link to: only `http:` and `https:` (a `javascript:` or `data:` URL from an external
 * system must never become a link), undefined otherwise.
 */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The dashboard's own link to the lineage search for a key (the router adds the `/api/ui` base). */
export function lineageSearchHref(key: string): string {
  return `/lineage?${new URLSearchParams({ key }).toString()}`;
}
