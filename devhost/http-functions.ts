import type { IncomingMessage, ServerResponse } from 'node:http';
import { triggerOf, type CapturedApp, type Registration } from './core-stub.js';
import { isAuthorized, presentedKey } from './function-keys.js';
import { hostProblem, sendHostProblem } from './host-problem.js';
import type { InvocationLog, Invoker, RpcTypedData } from './invoke.js';
import { compileRoute, type CompiledRoute } from './route-template.js';

/** Largest body the dev host buffers (the Azure host refuses bodies over about 100 MB; we are stricter). */
const maxHostBodyBytes = 16 * 1024 * 1024;

interface HttpFunction {
  reg: Registration;
  route: CompiledRoute;
  methods: string[];
  authLevel: string;
}

/** One line per HTTP function, as `func start` prints them. */
export interface RouteListing {
  name: string;
  methods: string[];
  url: string;
  authLevel: string;
}

export interface HttpFunctionsOptions {
  app: CapturedApp;
  routePrefix: string;
  keys: { functionKey: string; masterKey: string };
  log: InvocationLog;
  invoke: Invoker;
}

/** Serve the app's HTTP-triggered functions: route matching, function keys, invocation through the worker model. */
export class HttpFunctions {
  private readonly functions: HttpFunction[];

  constructor(private readonly opts: HttpFunctionsOptions) {
    this.functions = [...opts.app.registrations.values()]
      .filter((r) => triggerOf(r).type === 'httpTrigger')
      .map((reg) => {
        const t = triggerOf(reg);
        const route = typeof t.route === 'string' ? t.route : reg.name;
        return { reg, route: compileRoute(route), methods: ((t.methods as string[] | undefined) ?? ['GET', 'POST']).map((m) => m.toUpperCase()), authLevel: typeof t.authLevel === 'string' ? t.authLevel : 'function' };
      })
      .sort((a, b) => b.route.specificity - a.route.specificity);
  }

  /** The served routes, for the start-up banner. */
  listing(baseUrl: string): RouteListing[] {
    return this.functions
      .map((f) => ({ name: f.reg.name, methods: f.methods, url: `${baseUrl}/${this.opts.routePrefix}/${f.route.template}`, authLevel: f.authLevel }))
      .sort((a, b) => a.url.localeCompare(b.url) || a.name.localeCompare(b.name));
  }

  /** Handle a request if it is under the route prefix; returns false when it is not ours. `url` is the checked target on the host's base URL. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const prefix = `/${this.opts.routePrefix}/`;
    if (!url.pathname.startsWith(prefix) && url.pathname !== prefix.slice(0, -1)) return false;
    const path = url.pathname.slice(prefix.length);
    const method = (req.method ?? 'GET').toUpperCase();
    let allowed: string[] = [];
    for (const f of this.functions) {
      const params = f.route.match(path);
      if (!params) continue;
      if (!f.methods.includes(method)) {
        allowed = allowed.concat(f.methods);
        continue;
      }
      if (!isAuthorized(f.authLevel, presentedKey(req.headers, url), this.opts.keys)) {
        sendHostProblem(res, hostProblem('UNAUTHENTICATED', 'A valid function key is required (x-functions-key header or code query parameter).'));
        return true;
      }
      await this.invoke(f, req, res, url, params, method);
      return true;
    }
    const allow = [...new Set(allowed)].join(', ');
    if (allowed.length > 0) sendHostProblem(res, hostProblem('METHOD_NOT_ALLOWED', `Use ${allow}.`, { headers: { Allow: allow } }));
    else sendHostProblem(res, hostProblem('NOT_FOUND', `No function serves ${url.pathname}.`));
    return true;
  }

  private async invoke(f: HttpFunction, req: IncomingMessage, res: ServerResponse, url: URL, params: Record<string, string>, method: string): Promise<void> {
    const body = await readBody(req);
    if (body === 'too-large') {
      sendHostProblem(res, hostProblem('PAYLOAD_TOO_LARGE', `The body is larger than ${maxHostBodyBytes} bytes.`));
      return;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const trigger: RpcTypedData = {
      http: { method, url: url.toString(), headers, query: Object.fromEntries(url.searchParams.entries()), params, body: body.length > 0 ? { bytes: body } : undefined },
    };
    try {
      const response = await this.opts.invoke(f.reg, { trigger });
      const http = response.returnValue?.http ?? response.outputData.find((o) => o.data?.http)?.data?.http;
      const status = Number(http?.statusCode ?? 200);
      const bytes = http?.body?.bytes ? Buffer.from(http.body.bytes) : http?.body?.string !== undefined ? Buffer.from(http.body.string) : Buffer.alloc(0);
      send(res, status, http?.headers ?? {}, bytes);
    } catch (e) {
      // What the host does when a function throws: a bare 500; the details go to the log only.
      this.opts.log('error', 'system', `Function '${f.reg.name}' failed: ${e instanceof Error ? e.message : String(e)}`);
      sendHostProblem(res, hostProblem('INTERNAL', 'The function failed.'));
    }
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxHostBodyBytes) {
    req.resume();
    return 'too-large';
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > maxHostBodyBytes) return 'too-large';
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
  res.end(body);
}
