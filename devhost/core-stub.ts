import Module from 'node:module';

/*
 * A stand-in for `@azure/functions-core`, the module the Functions Node worker injects. `@azure/functions` looks it
 * up lazily on its first `app.*` call and caches the answer for the process, so `installCoreStub()` must run before
 * the app is imported. With it in place every registration (HTTP, timer, queue, durable) is captured here.
 */

/** A binding as the programming model describes it (`type`, `direction` and trigger-specific fields). */
export interface BindingMetadata {
  type: string;
  direction: 'in' | 'out' | 'inout';
  [key: string]: unknown;
}

/** What `registerFunction` receives for one function. */
export interface FunctionMetadata {
  name: string;
  bindings: Record<string, BindingMetadata>;
  retryOptions?: unknown;
}

/** A captured function: its metadata and the worker-level callback the programming model built for it. */
export interface Registration {
  name: string;
  metadata: FunctionMetadata;
  // The handler's shape depends on the programming model; callers go through `programmingModel`.
  callback: (...args: unknown[]) => unknown;
}

/** The programming model object `@azure/functions` hands to the worker (`getInvocationModel` etc.). */
export interface ProgrammingModel {
  name: string;
  version: string;
  getInvocationModel(coreCtx: unknown): InvocationModel;
}

/** The worker-side adapter around one invocation (argument conversion, call, response conversion). */
export interface InvocationModel {
  getArguments(): Promise<{ context: unknown; inputs: unknown[] }>;
  invokeFunction(context: unknown, inputs: unknown[], handler: (...args: unknown[]) => unknown): Promise<unknown>;
  getResponse(context: unknown, result: unknown): Promise<unknown>;
}

/** Everything the stub captured. */
export interface CapturedApp {
  registrations: Map<string, Registration>;
  programmingModel(): ProgrammingModel;
  hooks: Map<string, ((...args: unknown[]) => unknown)[]>;
}

let captured: CapturedApp | undefined;

/** Install the stub (idempotent) and return the capture. Must run before `@azure/functions` is first used. */
export function installCoreStub(opts: { log?: (level: string, category: string, message: string) => void } = {}): CapturedApp {
  if (captured) return captured;
  const registrations = new Map<string, Registration>();
  const hooks = new Map<string, ((...args: unknown[]) => unknown)[]>();
  let model: ProgrammingModel | undefined;
  const stub = {
    hostVersion: '4.1037.0',
    setProgrammingModel(m: ProgrammingModel) {
      model = m;
    },
    getProgrammingModel: () => model,
    registerFunction(metadata: FunctionMetadata, callback: (...args: unknown[]) => unknown) {
      if (registrations.has(metadata.name)) throw new Error(`A function named "${metadata.name}" is already registered`);
      registrations.set(metadata.name, { name: metadata.name, metadata, callback });
      return { dispose: () => registrations.delete(metadata.name) };
    },
    registerHook(name: string, cb: (...args: unknown[]) => unknown) {
      const list = hooks.get(name) ?? [];
      list.push(cb);
      hooks.set(name, list);
      return { dispose: () => hooks.set(name, (hooks.get(name) ?? []).filter((h) => h !== cb)) };
    },
    log(level: string, category: string, message: string) {
      opts.log?.(level, category, message);
    },
  };
  const M = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = M._load;
  M._load = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === '@azure/functions-core' ? stub : original.call(this, request, ...rest);
  };
  captured = {
    registrations,
    hooks,
    programmingModel: () => {
      if (!model) throw new Error('The app set no programming model: was @azure/functions loaded after installCoreStub()?');
      return model;
    },
  };
  return captured;
}

/** The trigger binding of a registration (the one `in` binding whose type ends in `Trigger`). */
export function triggerOf(reg: Registration): BindingMetadata & { name: string } {
  for (const [name, b] of Object.entries(reg.metadata.bindings)) {
    if (b.direction === 'in' && /Trigger$/.test(b.type)) return { ...b, name };
  }
  throw new Error(`Function ${reg.name} has no trigger binding`);
}

/** The registration named `name` when its trigger is of `triggerType` (e.g. `activityTrigger`), else undefined. */
export function findByTrigger(app: CapturedApp, name: string, triggerType: string): Registration | undefined {
  const reg = app.registrations.get(name);
  if (!reg) return undefined;
  try {
    return triggerOf(reg).type === triggerType ? reg : undefined;
  } catch {
    return undefined;
  }
}
