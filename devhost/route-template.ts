/**
 * Azure Functions route templates (`pipelines/{id}`, `{id?}`, `{id:int}`, `{*rest}`) matched against a request path
 * the way the host does: case-insensitive literals, one segment per parameter, literals preferred over parameters.
 */
export interface CompiledRoute {
  template: string;
  match(path: string): Record<string, string> | null;
  /** Higher is more specific; used to pick between templates that both match. */
  specificity: number;
}

type Segment = { kind: 'literal'; value: string } | { kind: 'param'; name: string; optional: boolean; type?: string } | { kind: 'catchAll'; name: string };

/** Compile a route template (without the `api/` prefix). */
export function compileRoute(template: string): CompiledRoute {
  const segments: Segment[] = template
    .split('/')
    .filter((s) => s.length > 0)
    .map((s): Segment => {
      const m = /^\{(\*?)([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?(\?)?\}$/.exec(s);
      if (!m) return { kind: 'literal', value: s.toLowerCase() };
      if (m[1] === '*') return { kind: 'catchAll', name: m[2]! };
      return { kind: 'param', name: m[2]!, optional: m[4] === '?', ...(m[3] ? { type: m[3] } : {}) };
    });
  const specificity = segments.reduce((n, s) => n * 4 + (s.kind === 'literal' ? 3 : s.kind === 'param' ? 2 : 1), 1);
  return {
    template,
    specificity,
    match(path) {
      // Like the Functions host, an empty segment matches nothing: `pipelines//runs` is not `pipelines/runs`.
      const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
      const parts = trimmed.length === 0 ? [] : trimmed.split('/');
      if (parts.some((p) => p.length === 0)) return null;
      const params: Record<string, string> = {};
      for (let i = 0; i < segments.length; i++) {
        const seg = segments[i]!;
        const part = parts[i];
        if (seg.kind === 'catchAll') {
          params[seg.name] = parts.slice(i).map(decodeURIComponent).join('/');
          return params;
        }
        if (part === undefined) {
          if (seg.kind === 'param' && seg.optional) continue;
          return null;
        }
        if (seg.kind === 'literal') {
          if (decodeURIComponent(part).toLowerCase() !== seg.value) return null;
          continue;
        }
        const value = decodeURIComponent(part);
        if (seg.type === 'int' && !/^-?\d+$/.test(value)) return null;
        if (seg.type === 'alpha' && !/^[A-Za-z]+$/.test(value)) return null;
        params[seg.name] = value;
      }
      return parts.length === segments.length || (parts.length < segments.length && segments.slice(parts.length).every((s) => s.kind === 'param' && s.optional)) ? params : null;
    },
  };
}
