import { posix } from 'node:path';
import {
  callName,
  findBicepFiles,
  loadBicepFile,
  moduleDeclarations,
  objectEntries,
  parameterDeclarations,
  propertyAt,
  resourceDeclarations,
  templateParts,
  variableDeclarations,
  type BicepFile,
  type ModuleDecl,
  type Node,
  type ResourceDecl,
} from './bicep-tree.js';

/*
 * A set of Bicep files that call each other (main.bicep and its modules), and a small evaluator over their parse
 * trees: literals, vars, member access, string interpolation, parameters followed to the module call that sets
 * them (or their default). Anything only known at deploy time (resource properties, outputs, functions) is
 * `Unknown`; the policies treat an unknown security setting as a violation, because offline we cannot prove it.
 */

/** A value known only at deploy time (or beyond this evaluator). */
export class Unknown {
  constructor(
    readonly node: Node,
    readonly reason: string,
  ) {}
}

/** What an expression evaluates to offline. */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | Unknown;

/** The files of one deployment. */
export interface BicepProject {
  files: BicepFile[];
}

/** Every `.bicep` file under a directory (relative to the repository root). */
export function loadProject(dir: string): BicepProject {
  return { files: findBicepFiles(dir).map(loadBicepFile) };
}

/** One fixture file from `test/fixtures/bicep/` as a project of its own. */
export function loadFixture(name: string): BicepProject {
  return { files: [loadBicepFile(`test/fixtures/bicep/${name}`)] };
}

/** Resource declarations of the whole project, `existing` references left out unless asked for. */
export function projectResources(project: BicepProject, opts: { includeExisting?: boolean } = {}): ResourceDecl[] {
  return project.files.flatMap(resourceDeclarations).filter((r) => opts.includeExisting || !r.existing);
}

/** Declared (not `existing`) resources of one type, compared case-insensitively as ARM does. */
export function resourcesOfType(project: BicepProject, type: string): ResourceDecl[] {
  return projectResources(project).filter((r) => r.type.toLowerCase() === type.toLowerCase());
}

/** Module declarations of the whole project. */
export function projectModules(project: BicepProject): ModuleDecl[] {
  return project.files.flatMap(moduleDeclarations);
}

/** Module declarations whose registry reference starts with e.g. `br/public:avm/res/insights/component:`. */
export function modulesFromRegistry(project: BicepProject, modulePath: string): ModuleDecl[] {
  return projectModules(project).filter((m) => m.reference.startsWith(`br/public:${modulePath}:`));
}

/** The project file a local module reference points at, if it is part of the project. */
export function moduleTarget(project: BicepProject, mod: ModuleDecl): BicepFile | undefined {
  if (mod.reference.startsWith('br')) return undefined;
  const target = posix.normalize(posix.join(posix.dirname(mod.file.path), mod.reference));
  return project.files.find((f) => f.path === target);
}

/** Whether a value is known offline. */
export function isKnown(v: Value): v is Exclude<Value, Unknown> {
  return !(v instanceof Unknown);
}

type Scope = ReadonlyMap<string, Value>;

/** Evaluate an expression of `file` as far as it can be known offline. */
export function evaluate(project: BicepProject, file: BicepFile, node: Node, scope: Scope = new Map(), depth = 0): Value {
  if (depth > 40) return new Unknown(node, 'too deep');
  const next = (n: Node, f: BicepFile = file, s: Scope = scope): Value => evaluate(project, f, n, s, depth + 1);
  switch (node.type) {
    case 'string': {
      const parts = templateParts(node).map((p) => (typeof p === 'string' ? p : next(p)));
      if (parts.every((p) => typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean')) return parts.join('');
      return new Unknown(node, 'interpolates a deploy-time value');
    }
    case 'number':
      return Number(node.text);
    case 'boolean':
      return node.text === 'true';
    case 'null':
      return null;
    case 'array':
      return node.namedChildren.filter((c) => c.type !== 'comment' && c.type !== 'decorators').map((c) => next(c));
    case 'object':
      return Object.fromEntries(objectEntries(node).map(([k, v]) => [k, next(v)]));
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((c) => c.type !== 'comment');
      return inner ? next(inner) : new Unknown(node, 'empty');
    }
    case 'unary_expression': {
      const op = node.childForFieldName('operator')?.text;
      const arg = node.childForFieldName('argument');
      const v = arg ? next(arg) : new Unknown(node, 'no operand');
      if (op === '!' && typeof v === 'boolean') return !v;
      if (op === '-' && typeof v === 'number') return -v;
      return new Unknown(node, 'operator on an unknown value');
    }
    case 'ternary_expression': {
      const cond = node.childForFieldName('condition');
      const c = cond ? next(cond) : new Unknown(node, 'no condition');
      const branch = c === true ? node.childForFieldName('consequence') : c === false ? node.childForFieldName('alternative') : null;
      return branch ? next(branch) : new Unknown(node, 'condition known only at deploy time');
    }
    case 'member_expression': {
      const obj = node.childForFieldName('object');
      const prop = node.childForFieldName('property')?.text;
      const v = obj ? next(obj) : undefined;
      if (prop && v && isPlainObject(v) && prop in v) return v[prop]!;
      return new Unknown(node, 'property known only at deploy time');
    }
    case 'subscript_expression': {
      const obj = node.childForFieldName('object');
      const index = node.childForFieldName('index');
      const v = obj ? next(obj) : undefined;
      const i = index ? next(index) : undefined;
      if (Array.isArray(v) && typeof i === 'number' && i in v) return v[i]!;
      if (v && isPlainObject(v) && typeof i === 'string' && i in v) return v[i]!;
      return new Unknown(node, 'index known only at deploy time');
    }
    case 'identifier':
      return resolveIdentifier(project, file, node, scope, depth);
    case 'binary_expression': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const op = node.children.find((c) => !c.isNamed)?.text;
      return binary(node, op, left ? next(left) : new Unknown(node, 'no operand'), right ? next(right) : new Unknown(node, 'no operand'));
    }
    case 'call_expression':
      return call(node, callName(node), (node.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a.type !== 'comment').map((a) => next(a)));
    default:
      return new Unknown(node, `${node.type} is evaluated at deploy time`);
  }
}

/** The logical and comparison operators conditions are written with, on known operands. */
function binary(node: Node, op: string | undefined, left: Value, right: Value): Value {
  if (op === '&&' && (left === false || right === false)) return false;
  if (op === '||' && (left === true || right === true)) return true;
  if (!isKnown(left) || !isKnown(right)) return new Unknown(node, 'operand known only at deploy time');
  if (op === '&&' || op === '||') return typeof left === 'boolean' && typeof right === 'boolean' ? left && right : new Unknown(node, 'not booleans');
  if (op === '==' || op === '!=') return (JSON.stringify(left) === JSON.stringify(right)) === (op === '==');
  return new Unknown(node, `operator ${op ?? '?'} is evaluated at deploy time`);
}

/** The few pure functions that decide which app settings exist and how they read: `empty()`, `union()` of objects, `string()`. */
function call(node: Node, name: string, args: Value[]): Value {
  if (!args.every(isKnown)) return new Unknown(node, `${name}() of a deploy-time value`);
  if (name === 'empty' && args.length === 1) {
    const [v] = args;
    return v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isPlainObject(v!) && Object.keys(v).length === 0);
  }
  if (name === 'union' && args.length > 0 && args.every(isPlainObject)) {
    // ARM merges objects left to right, later keys winning; the settings here are flat, so no deep merge is needed.
    return Object.assign({}, ...args) as { [key: string]: Value };
  }
  if (name === 'string' && args.length === 1) {
    const [v] = args;
    // ARM spells booleans 'True'/'False', which is why the templates write boolean settings out as literals.
    if (typeof v === 'boolean') return v ? 'True' : 'False';
    if (typeof v === 'number' || typeof v === 'string') return String(v);
  }
  return new Unknown(node, `${name}() is evaluated at deploy time`);
}

function isPlainObject(v: Value): v is { [key: string]: Value } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown);
}

function resolveIdentifier(project: BicepProject, file: BicepFile, node: Node, scope: Scope, depth: number): Value {
  const name = node.text;
  if (scope.has(name)) return scope.get(name)!;
  const variable = variableDeclarations(file).get(name);
  if (variable) return evaluate(project, file, variable, new Map(), depth + 1);
  const param = parameterDeclarations(file).find((p) => p.name === name);
  if (!param) return new Unknown(node, `${name} is a resource, module or function`);
  // A module's parameter takes the value its caller passes; follow every call site in the project.
  const passed = projectModules(project)
    .filter((m) => moduleTarget(project, m)?.path === file.path)
    .map((m) => ({ m, value: propertyAt(m.body, `params.${name}`) }));
  const values = passed.map(({ m, value }) =>
    value ? evaluate(project, m.file, value, new Map(), depth + 1) : param.defaultValue ? evaluate(project, file, param.defaultValue, new Map(), depth + 1) : new Unknown(node, `${name} is not passed`),
  );
  if (values.length === 0) {
    return param.defaultValue ? evaluate(project, file, param.defaultValue, new Map(), depth + 1) : new Unknown(node, `parameter ${name} has no default`);
  }
  const [first] = values;
  return values.every((v) => JSON.stringify(v) === JSON.stringify(first)) ? first! : new Unknown(node, `callers pass different values for ${name}`);
}

/** One scope per iteration of a resource or module loop (one empty scope when it is no loop). */
export function loopScopes(project: BicepProject, decl: ResourceDecl | ModuleDecl): Array<Map<string, Value>> {
  if (!decl.loop) return [new Map<string, Value>()];
  const { variable, iterable } = decl.loop;
  const items = iterable ? evaluate(project, decl.file, iterable) : new Unknown(decl.node, 'no iterable');
  if (!variable) return [new Map<string, Value>()];
  if (!Array.isArray(items)) return [new Map<string, Value>([[variable, new Unknown(decl.node, 'loop over a deploy-time array')]])];
  return items.map((item) => new Map<string, Value>([[variable, item]]));
}

/** Evaluate a property of a resource or module body once per loop iteration. */
export function evaluateProperty(project: BicepProject, decl: ResourceDecl | ModuleDecl, path: string): Value[] {
  const node = propertyAt(decl.body, path);
  return loopScopes(project, decl).map((scope) => (node ? evaluate(project, decl.file, node, scope) : new Unknown(decl.node, `${path} is not set`)));
}
