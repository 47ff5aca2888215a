/** A `WWW-Authenticate` challenge from a registry (distribution spec "Token authentication"). */
export interface AuthChallenge {
  /** Lowercased: `basic` or `bearer` (anything else is kept for the error message). */
  scheme: string;
  params: Record<string, string>;
}

/**
 * The first challenge of a `WWW-Authenticate` value: `Basic realm="x"` or
 * `Bearer realm="https://r/oauth2/token",service="r",scope="repository:a:pull"`. Null when absent or unreadable.
 */
export function parseChallenge(header: string | null): AuthChallenge | null {
  if (header === null) return null;
  const m = /^\s*([A-Za-z][A-Za-z0-9_-]*)(?:\s+(.*))?$/s.exec(header);
  if (!m?.[1]) return null;
  const params: Record<string, string> = {};
  // Quoted values may hold commas (a scope list); unquoted ones are tokens.
  for (const p of (m[2] ?? '').matchAll(/([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]+))/g)) {
    const key = p[1]?.toLowerCase();
    if (key) params[key] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : (p[3] ?? '');
  }
  return { scheme: m[1].toLowerCase(), params };
}
