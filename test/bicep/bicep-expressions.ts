import type { BicepFile, Node } from './bicep-tree.js';

/*
 * Expressions in a Bicep parse tree: object literals, strings and their interpolations, calls, identifiers and
 * trailing comments. The declarations that hold them are found by bicep-tree.ts.
 */
/** The key of an object property as written (identifier or quoted string). */
export function propertyKey(prop: Node): string | undefined {
  const key = prop.namedChildren[0];
  if (!key || key.type === 'resource_declaration') return undefined;
  return key.type === 'string' ? stringContent(key) : key.text;
}

/** The properties of an object literal, in order; nested resource declarations are not properties. */
export function objectEntries(obj: Node): Array<[string, Node]> {
  const entries: Array<[string, Node]> = [];
  for (const prop of obj.namedChildren.filter((c) => c.type === 'object_property')) {
    const key = propertyKey(prop);
    const value = prop.namedChildren.filter((c) => c.type !== 'comment' && c.type !== 'decorators')[1];
    if (key !== undefined && value) entries.push([key, value]);
  }
  return entries;
}

/** The value at a dotted path through nested object literals, e.g. `properties.siteConfig.minTlsVersion`. */
export function propertyAt(obj: Node | undefined, path: string): Node | undefined {
  let current = obj;
  for (const key of path.split('.')) {
    if (current?.type !== 'object') return undefined;
    current = objectEntries(current).find(([k]) => k === key)?.[1];
  }
  return current;
}

const escapes: Record<string, string> = { "\\'": "'", '\\\\': '\\', '\\n': '\n', '\\r': '\r', '\\t': '\t', '\\$': '$' };

/** The text of a string literal without interpolation; undefined for anything else. */
export function stringContent(node: Node): string | undefined {
  if (node.type !== 'string') return undefined;
  if (node.namedChildren.some((c) => c.type === 'interpolation')) return undefined;
  return templateParts(node)
    .map((p) => (typeof p === 'string' ? p : ''))
    .join('');
}

/** A string's parts: literal text, and the expression node of each `${…}`. */
export function templateParts(node: Node): Array<string | Node> {
  if (node.type !== 'string') return [];
  if (node.text.startsWith("'''")) return [node.text.slice(3, -3)];
  const parts: Array<string | Node> = [];
  for (const c of node.namedChildren) {
    if (c.type === 'string_content') parts.push(c.text);
    else if (c.type === 'escape_sequence') parts.push(escapes[c.text] ?? c.text);
    else if (c.type === 'interpolation') {
      const expr = c.namedChildren[0];
      if (expr) parts.push(expr);
    }
  }
  return parts;
}

/** The function name of a call, e.g. `guid`, or `listKeys` for `account.listKeys()`. */
export function callName(call: Node): string {
  const fn = call.childForFieldName('function');
  if (!fn) return '';
  if (fn.type === 'member_expression') return fn.childForFieldName('property')?.text ?? '';
  return fn.text;
}

/** Every call expression at or below a node. */
export function callsWithin(node: Node): Node[] {
  return node.type === 'call_expression' ? [node, ...node.descendantsOfType('call_expression')] : node.descendantsOfType('call_expression');
}

/** Every identifier reference at or below a node (property names of member access excluded). */
export function identifiersWithin(node: Node): string[] {
  const ids = node.type === 'identifier' ? [node] : node.descendantsOfType('identifier');
  return ids.filter((n) => n.parent?.type !== 'object_property' || n.parent.namedChildren[0]?.id !== n.id).map((n) => n.text);
}

/** The `// comment` at the end of the line on which a node ends, without the slashes. */
export function trailingComment(file: BicepFile, node: Node): string | undefined {
  const line = file.source.split('\n')[node.endPosition.row] ?? '';
  const rest = line.slice(node.endPosition.column);
  const match = /^\s*,?\s*\/\/\s?(.*)$/.exec(rest);
  return match?.[1]?.trim();
}
