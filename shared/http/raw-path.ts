/*
 * A route's parameters must be the segments of the path the caller sent. A host that drops empty segments would
 * otherwise match `PUT /api/pipelines//runs` to `pipelines/{id}` with `id = runs` (the Functions host does not; a
 * stand-in host might), and the request would act on a resource the caller never named.
 */

/** True when `pathname` (as sent, percent-encoded) has no empty segment and ends with exactly the template's segments filled with `params`. */
export function pathMatchesRoute(template: string, pathname: string, params: Record<string, string>): boolean {
  const wanted = template.split('/').filter((s) => s.length > 0);
  // Optional and catch-all parameters span a variable number of segments; no route here uses them.
  if (wanted.some((s) => /^\{(\*|[^}]*\?\})/.test(s))) return true;
  const sent = pathname.split('/').slice(1);
  if (sent.at(-1) === '') sent.pop(); // one trailing slash is the same resource
  if (sent.some((s) => s.length === 0) || sent.length < wanted.length) return false;
  const tail = sent.slice(sent.length - wanted.length);
  return wanted.every((segment, i) => {
    const decoded = decodeSegment(tail[i] ?? '');
    if (decoded === null) return false;
    const param = /^\{([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\}$/.exec(segment);
    return param ? decoded === params[param[1] ?? ''] : decoded.toLowerCase() === segment.toLowerCase();
  });
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
