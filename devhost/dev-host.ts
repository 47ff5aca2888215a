import { AppServiceAuth } from './app-service-auth.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { installCoreStub, triggerOf, type CapturedApp } from './core-stub.js';
import { HttpFunctions, type RouteListing } from './http-functions.js';
import { realHostClock, type HostClock } from './host-clock.js';
import { readHostJson, type HostSettings } from './host-json.js';
import { hostProblem, rawHostProblem, sendHostProblem } from './host-problem.js';
import { createInvoker, type InvocationLog, type RpcTypedData } from './invoke.js';
import { QueueTriggers } from './queue-triggers.js';
import { readRequestTarget } from './request-target.js';
import { TimerTriggers, type ScheduledTimer } from './timer-triggers.js';

/** Something mounted on the dev host's HTTP server ahead of the functions (e.g. the durable engine's API). */
export interface HostExtension {
  handleHttp?(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Input binding data by binding type the extension provides (e.g. `durableClient`). */
  inputBindings?(): Record<string, RpcTypedData>;
  /** Called once the server listens: the base URL links are built from, and the master key (accepted everywhere). */
  start?(app: CapturedApp, host: { baseUrl: string; masterKey: string }): Promise<void>;
  stop?(): Promise<void>;
}

export interface DevHostOptions {
  appRoot: string;
  /** App settings, as the host exposes them to the app (also `process.env` for the loaded app). */
  env: Record<string, string | undefined>;
  /**
   * Import or register the app; runs after the core stub is installed and the server holds its port, so the app can
   * be given the URL it is served at (requests wait until it has loaded).
   */
  load: (served: { baseUrl: string }) => Promise<void>;
  host?: string;
  port?: number;
  clock?: HostClock;
  log?: InvocationLog;
  keys: { functionKey: string; masterKey: string };
  extensions?: HostExtension[];
  /** Poll storage queues (needs AzureWebJobsStorage). */
  queues?: boolean;
  /** Fire timer triggers. */
  timers?: boolean;
  /** Override host.json queue settings (tests use a zero visibility timeout). */
  queueSettings?: Partial<HostSettings['queues']>;
}

/** A running dev host. */
export interface RunningDevHost {
  baseUrl: string;
  app: CapturedApp;
  routes: RouteListing[];
  timers: ScheduledTimer[];
  queues: string[];
  queueTriggers?: QueueTriggers;
  stop(): Promise<void>;
}

/** Start the dev host: load the app through the core stub, then serve HTTP, fire timers and poll queues. */
export async function startDevHost(opts: DevHostOptions): Promise<RunningDevHost> {
  const app = installCoreStub();
  const settings = readHostJson(opts.appRoot);
  const log: InvocationLog = opts.log ?? ((level, _category, message) => (level === 'error' || level === 'warning' ? console.error(message) : console.log(message)));
  const extensions = opts.extensions ?? [];
  // Set once the app has loaded; requests that arrive before wait for `loaded`.
  const served: { http?: HttpFunctions } = {};
  let markLoaded: (loaded: boolean) => void = () => {};
  const loaded = new Promise<boolean>((resolve) => (markLoaded = resolve));
  let baseUrl = '';
  const signIn = new AppServiceAuth(opts.keys);
  // As App Service would from its configuration: the API takes the host's keys, and trusts the sign-in stand-in.
  for (const [name, value] of Object.entries(appAuthSettings(opts.keys))) {
    if (!opts.env[name]) opts.env[name] = value;
    if (!process.env[name]) process.env[name] = opts.env[name];
  }
  // Bounded explicitly, so a `--max-http-header-size` flag cannot raise it; the request line counts towards it.
  const server = createServer({ maxHeaderSize: maxHeaderBytes }, (req, res) => {
    void (async () => {
      // Read Host and the target before anything routes or authenticates: what cannot be read is a 400, on every route.
      const target = readRequestTarget(req, baseUrl);
      if (!target.ok) return sendHostProblem(res, hostProblem('VALIDATION', target.message, { field: target.field }));
      const http = (await loaded) ? served.http : undefined;
      if (!http) return sendHostProblem(res, hostProblem('INTERNAL', 'The app failed to load.'));
      for (const ext of extensions) if (ext.handleHttp && (await ext.handleHttp(req, res))) return;
      if (await signIn.handle(req, res, target.url)) return;
      signIn.applyPrincipal(req);
      if (await http.handle(req, res, target.url)) return;
      sendHostProblem(res, hostProblem('NOT_FOUND', `Nothing is served at ${target.url.pathname}.`));
    })().catch((e: unknown) => {
      log('error', 'system', `Request failed: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) sendHostProblem(res, hostProblem('INTERNAL', 'The host failed to handle the request.'));
      else res.end();
    });
  });
  server.on('clientError', answerClientError);
  server.keepAliveTimeout = 65_000;
  // The port is bound before the app loads (port 0: the OS picks one, never raced), so the app can be told its URL.
  await listen(server, opts.port ?? 0, opts.host ?? '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  const listenHost = opts.host ?? '127.0.0.1';
  baseUrl = `http://${listenHost.includes(':') ? `[${listenHost}]` : listenHost}:${port}`;
  try {
    await opts.load({ baseUrl });
  } catch (e) {
    markLoaded(false);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw e;
  }
  const invoke = createInvoker(app, log, () => Object.assign({}, ...extensions.map((e) => e.inputBindings?.() ?? {})) as Record<string, RpcTypedData>);
  const http = new HttpFunctions({ app, routePrefix: settings.http.routePrefix, keys: opts.keys, log, invoke });
  served.http = http;
  for (const ext of extensions) await ext.start?.(app, { baseUrl, masterKey: opts.keys.masterKey });
  markLoaded(true);

  const timers = new TimerTriggers(app, opts.clock ?? realHostClock, opts.env, log, invoke);
  const scheduled = opts.timers === false ? [] : timers.start();
  const hasQueueTriggers = [...app.registrations.values()].some((r) => triggerOf(r).type === 'queueTrigger');
  const queueTriggers = opts.queues !== false && hasQueueTriggers ? new QueueTriggers(app, opts.env, { ...settings.queues, ...opts.queueSettings }, log, invoke) : undefined;
  const queues = queueTriggers ? await queueTriggers.start() : [];

  return {
    baseUrl,
    app,
    routes: http.listing(baseUrl),
    timers: scheduled,
    queues,
    ...(queueTriggers ? { queueTriggers } : {}),
    async stop() {
      server.closeIdleConnections();
      // Requests in flight get a moment to finish; a connection still open after it (a stalled client) is cut.
      const cut = setTimeout(() => server.closeAllConnections(), 5_000);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      clearTimeout(cut);
      await timers.stop();
      await queueTriggers?.stop();
      for (const ext of [...extensions].reverse()) await ext.stop?.();
    },
  };
}

/** The app settings that give the app the host's keys as API keys and turn on sign-in through the stand-in. */
export function appAuthSettings(keys: { functionKey: string; masterKey: string }): Record<string, string> {
  return { MLCYCLE_API_KEYS: [keys.functionKey, keys.masterKey].filter((k) => k.length > 0).join(','), MLCYCLE_SIGN_IN: 'app-service' };
}

/** Largest request line plus headers the host reads (Node's default, stated so that it stays bounded). */
const maxHeaderBytes = 16 * 1024;

/**
 * Answer a request Node's parser refused (over-long URL or headers, malformed HTTP) with problem+json instead of
 * Node's bare status line. No response object exists at this point, so the bytes go straight to the socket.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const answer =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? rawHostProblem(hostProblem('HEADERS_TOO_LARGE', `The request line and headers exceed ${maxHeaderBytes} bytes.`), 'Request Header Fields Too Large')
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? rawHostProblem(hostProblem('REQUEST_TIMEOUT', 'The request took too long to arrive.'), 'Request Timeout')
        : rawHostProblem(hostProblem('VALIDATION', 'The request is not valid HTTP/1.1.'), 'Bad Request');
  socket.end(answer);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The start-up banner, in the shape `func start` prints. */
export function banner(host: RunningDevHost): string {
  const lines = ['', 'Functions:', ''];
  for (const r of host.routes) lines.push(`        ${r.name}: [${r.methods.join(',')}] ${r.url}`);
  for (const t of host.timers) lines.push(`        ${t.name}: timerTrigger (${t.schedule}, next ${t.next.toISOString()})`);
  for (const reg of host.app.registrations.values()) {
    const type = triggerOf(reg).type;
    if (type !== 'httpTrigger' && type !== 'timerTrigger') lines.push(`        ${reg.name}: ${type}`);
  }
  lines.push('', `Host listening on ${host.baseUrl}`);
  return lines.join('\n');
}
