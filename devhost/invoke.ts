import { randomUUID } from 'node:crypto';
import type { CapturedApp, Registration } from './core-stub.js';

/** RPC typed data as the worker passes it (the subset the dev host produces). */
export type RpcTypedData =
  | { string: string }
  | { json: string }
  | { bytes: Uint8Array }
  | { http: Record<string, unknown> };

/** What one invocation gets: the trigger's data, data for extra input bindings by binding type, trigger metadata. */
export interface InvocationInput {
  trigger: RpcTypedData;
  /** Data for `in` bindings that are not the trigger, keyed by binding type (e.g. `durableClient`). */
  extraInputsByType?: Record<string, RpcTypedData>;
  triggerMetadata?: Record<string, RpcTypedData>;
  invocationId?: string;
}

/** The RPC response the programming model builds (`returnValue`, `outputData`). */
export interface InvocationResponse {
  invocationId: string;
  returnValue?: RpcResult;
  outputData: { name: string; data: RpcResult }[];
}
export type RpcResult = { http?: RpcHttpResponse; string?: string; json?: string; bytes?: Uint8Array } | null | undefined;
export interface RpcHttpResponse {
  statusCode?: string;
  headers?: Record<string, string>;
  cookies?: unknown[];
  body?: { bytes?: Uint8Array; string?: string; json?: string } | null;
}

/** Invokes a registration with trigger data; the host supplies the extra input bindings (e.g. the durable client). */
export type Invoker = (reg: Registration, input: Omit<InvocationInput, 'extraInputsByType'>) => Promise<InvocationResponse>;

/** An invoker for every trigger kind that adds the host's input bindings (computed per invocation) to each call. */
export function createInvoker(app: CapturedApp, log: InvocationLog, extraInputs: () => Record<string, RpcTypedData>): Invoker {
  return (reg, input) => invokeFunction(app, reg, { ...input, extraInputsByType: extraInputs() }, log);
}

/** Where a function's log lines go: level, category (`user` or `system`) and the formatted message. */
export type InvocationLog = (level: string, category: string, message: string) => void;

/**
 * Invoke a captured function exactly as the Node worker does: the programming model's invocation model converts the
 * RPC inputs, calls the handler and converts the result back, so bindings behave as they do under `func start`.
 */
export async function invokeFunction(app: CapturedApp, reg: Registration, input: InvocationInput, log: InvocationLog): Promise<InvocationResponse> {
  const inputData: { name: string; data: RpcTypedData }[] = [];
  for (const [name, binding] of Object.entries(reg.metadata.bindings)) {
    if (binding.direction !== 'in') continue;
    if (/Trigger$/.test(binding.type)) inputData.push({ name, data: input.trigger });
    else {
      const data = input.extraInputsByType?.[binding.type];
      if (data) inputData.push({ name, data });
    }
  }
  const coreCtx = {
    invocationId: input.invocationId ?? randomUUID(),
    metadata: reg.metadata,
    state: undefined as string | undefined,
    log,
    request: { inputData, triggerMetadata: input.triggerMetadata ?? {} },
  };
  const model = app.programmingModel().getInvocationModel(coreCtx);
  const { context, inputs } = await model.getArguments();
  coreCtx.state = 'invocation';
  const result = await model.invokeFunction(context, inputs, reg.callback);
  coreCtx.state = 'postInvocationHooks';
  return (await model.getResponse(context, result)) as InvocationResponse;
}
