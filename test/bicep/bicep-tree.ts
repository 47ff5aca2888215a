import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Parser from 'tree-sitter';
import Bicep from 'tree-sitter-bicep';
import { stringContent } from './bicep-expressions.js';

/*
 * Bicep templates as tree-sitter parse trees, with the handful of queries the policy tests need. No Bicep compiler
 * installs offline, so this is syntax only: no types, no ARM JSON. The node names come from the grammar's
 * node-types.json (tree-sitter-bicep 1.1.0).
 */

export type Node = Parser.SyntaxNode;

// The expression helpers live beside this file; the policies import both from here.
export * from './bicep-expressions.js';

/** One parsed `.bicep` file. */
export interface BicepFile {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  source: string;
  root: Node;
}

const parser = new Parser();
parser.setLanguage(Bicep as unknown as Parser.Language);

const repoRoot = new URL('../../', import.meta.url).pathname;

/** Parse Bicep source; `path` only labels findings. */
export function parseBicep(source: string, path: string): BicepFile {
  return { path, source, root: parser.parse(source).rootNode };
}

/** Read and parse a `.bicep` file given relative to the repository root. */
export function loadBicepFile(path: string): BicepFile {
  return parseBicep(readFileSync(join(repoRoot, path), 'utf8'), path);
}

/** Every `.bicep` file under a directory (relative to the repository root), sorted. */
export function findBicepFiles(dir: string): string[] {
  const walk = (abs: string): string[] =>
    readdirSync(abs).flatMap((name) => {
      const p = join(abs, name);
      return statSync(p).isDirectory() ? walk(p) : name.endsWith('.bicep') ? [relative(repoRoot, p).split('\\').join('/')] : [];
    });
  return walk(join(repoRoot, dir)).sort();
}

/** Read a text file relative to the repository root. */
export function readRepoFile(path: string): string {
  return readFileSync(join(repoRoot, path), 'utf8');
}

/** Where a finding is: `file:line:column` (1-based). */
export function locate(file: BicepFile, node: Node): string {
  return `${file.path}:${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
}

/** ERROR and MISSING nodes: tree-sitter recovers from a syntax error by inserting one of these. */
export function syntaxProblems(file: BicepFile): string[] {
  const found: string[] = [];
  const visit = (n: Node): void => {
    if (n.type === 'ERROR') found.push(`${locate(file, n)} syntax error near ${JSON.stringify(n.text.slice(0, 40))}`);
    else if (n.isMissing) found.push(`${locate(file, n)} missing ${n.type}`);
    if (n.hasError || n.isMissing) n.children.forEach(visit);
  };
  visit(file.root);
  if (file.root.hasError && found.length === 0) found.push(`${file.path}: parse error`);
  return found;
}

// ---------- Declarations ----------

/** A decorator such as `@secure()` or `@description('…')`. */
export interface Decorator {
  name: string;
  args: Node[];
}

/** A `resource` declaration, top-level or nested, with its full type (parents' types prefixed for nested ones). */
export interface ResourceDecl {
  file: BicepFile;
  node: Node;
  symbol: string;
  /** e.g. `Microsoft.Storage/storageAccounts/queueServices/queues` */
  type: string;
  apiVersion: string | undefined;
  existing: boolean;
  /** The resource body (the object), whether the declaration is plain, conditional or a loop. */
  body: Node | undefined;
  loop: ForLoop | undefined;
  parent: ResourceDecl | undefined;
}

/** A `module` declaration. */
export interface ModuleDecl {
  file: BicepFile;
  node: Node;
  symbol: string;
  /** The module reference as written: a relative path or `br/public:avm/...:version`. */
  reference: string;
  body: Node | undefined;
  loop: ForLoop | undefined;
}

/** `for <variable> in <iterable>: <body>` */
export interface ForLoop {
  variable: string | undefined;
  iterable: Node | undefined;
}

/** A `param` declaration. */
export interface ParamDecl {
  file: BicepFile;
  node: Node;
  name: string;
  type: string;
  defaultValue: Node | undefined;
  decorators: Decorator[];
  secure: boolean;
}

/** An `output` declaration. */
export interface OutputDecl {
  file: BicepFile;
  node: Node;
  name: string;
  value: Node | undefined;
  decorators: Decorator[];
}

/** The object, loop and condition parts of a resource or module declaration's value. */
function declarationValue(decl: Node): { body: Node | undefined; loop: ForLoop | undefined } {
  const value = decl.namedChildren.find((c) => c.type === 'object' || c.type === 'for_statement' || c.type === 'if_statement');
  if (!value) return { body: undefined, loop: undefined };
  if (value.type === 'object') return { body: value, loop: undefined };
  if (value.type === 'if_statement') return { body: value.namedChildren.find((c) => c.type === 'object'), loop: undefined };
  const initializer = value.childForFieldName('initializer');
  const bodyNode = value.childForFieldName('body');
  const iterable = value.namedChildren.find((c) => c.id !== initializer?.id && c.id !== bodyNode?.id && c.type !== 'comment');
  const variable =
    initializer?.type === 'identifier'
      ? initializer.text
      : initializer?.namedChildren.find((c) => c.type === 'loop_variable' || c.type === 'identifier')?.text;
  let body = bodyNode ?? undefined;
  if (body?.type === 'if_statement') body = body.namedChildren.find((c) => c.type === 'object');
  return { body: body?.type === 'object' ? body : undefined, loop: { variable, iterable } };
}

/** Decorators written above a declaration (tree-sitter keeps them as the preceding sibling). */
export function decoratorsOf(decl: Node): Decorator[] {
  let prev = decl.previousNamedSibling;
  while (prev?.type === 'comment') prev = prev.previousNamedSibling;
  const holder = prev?.type === 'decorators' ? prev : decl.namedChildren.find((c) => c.type === 'decorators');
  if (!holder) return [];
  return holder.namedChildren
    .filter((d) => d.type === 'decorator')
    .map((d) => {
      const call = d.namedChildren.find((c) => c.type === 'call_expression');
      const fn = call?.childForFieldName('function');
      const args = call?.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
      return { name: fn?.text ?? d.text.replace(/^@/, ''), args };
    });
}

/** All resource declarations in a file, nested ones included. */
export function resourceDeclarations(file: BicepFile): ResourceDecl[] {
  const out: ResourceDecl[] = [];
  const visit = (node: Node, parent: ResourceDecl | undefined): void => {
    for (const child of node.namedChildren) {
      if (child.type === 'resource_declaration') {
        const typeNode = child.namedChildren.find((c) => c.type === 'string');
        const [rawType = '', apiVersion] = (typeNode ? stringContent(typeNode) ?? typeNode.text : '').split('@');
        const type = parent && !rawType.includes('/') ? `${parent.type}/${rawType}` : rawType;
        const { body, loop } = declarationValue(child);
        const decl: ResourceDecl = {
          file,
          node: child,
          symbol: child.namedChildren.find((c) => c.type === 'identifier')?.text ?? '',
          type,
          apiVersion,
          existing: child.children.some((c) => c.type === 'existing'),
          body,
          loop,
          parent,
        };
        out.push(decl);
        if (body) visit(body, decl);
      } else if (child.type === 'object_property' || child.type === 'object') {
        visit(child, parent);
      }
    }
  };
  visit(file.root, undefined);
  return out;
}

/** All module declarations in a file. */
export function moduleDeclarations(file: BicepFile): ModuleDecl[] {
  return file.root.namedChildren
    .filter((c) => c.type === 'module_declaration')
    .map((node) => {
      const ref = node.namedChildren.find((c) => c.type === 'string');
      return {
        file,
        node,
        symbol: node.namedChildren.find((c) => c.type === 'identifier')?.text ?? '',
        reference: ref ? stringContent(ref) ?? ref.text : '',
        ...declarationValue(node),
      };
    });
}

/** All `param` declarations in a file. */
export function parameterDeclarations(file: BicepFile): ParamDecl[] {
  return file.root.namedChildren
    .filter((c) => c.type === 'parameter_declaration')
    .map((node) => {
      const decorators = decoratorsOf(node);
      const typeNode = node.namedChildren.find((c) => c.type === 'type');
      return {
        file,
        node,
        name: node.namedChildren.find((c) => c.type === 'identifier')?.text ?? '',
        type: typeNode?.text ?? '',
        defaultValue: assignedValue(node),
        decorators,
        secure: decorators.some((d) => d.name === 'secure'),
      };
    });
}

/** All `output` declarations in a file. */
export function outputDeclarations(file: BicepFile): OutputDecl[] {
  return file.root.namedChildren
    .filter((c) => c.type === 'output_declaration')
    .map((node) => ({
      file,
      node,
      name: node.namedChildren.find((c) => c.type === 'identifier')?.text ?? '',
      value: assignedValue(node),
      decorators: decoratorsOf(node),
    }));
}

/** `var` declarations of a file by name. */
export function variableDeclarations(file: BicepFile): Map<string, Node> {
  const vars = new Map<string, Node>();
  for (const node of file.root.namedChildren.filter((c) => c.type === 'variable_declaration')) {
    const name = node.namedChildren.find((c) => c.type === 'identifier')?.text;
    const value = assignedValue(node);
    if (name && value) vars.set(name, value);
  }
  return vars;
}

/** `metadata` declarations of a file by name. */
export function metadataDeclarations(file: BicepFile): Map<string, Node> {
  const meta = new Map<string, Node>();
  for (const node of file.root.namedChildren.filter((c) => c.type === 'metadata_declaration')) {
    const name = node.namedChildren.find((c) => c.type === 'identifier')?.text;
    const value = assignedValue(node);
    if (name && value) meta.set(name, value);
  }
  return meta;
}

/** The expression after `=` in a declaration (a param's default, a var's or output's value). */
function assignedValue(decl: Node): Node | undefined {
  const eq = decl.children.findIndex((c) => c.type === '=');
  if (eq < 0) return undefined;
  return decl.children.slice(eq + 1).find((c) => c.isNamed && c.type !== 'comment');
}
