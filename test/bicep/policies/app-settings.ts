import { evaluate, isKnown, resourcesOfType, type BicepProject, type Value } from '../bicep-project.js';
import {
  callName,
  identifiersWithin,
  locate,
  objectEntries,
  propertyAt,
  resourceDeclarations,
  stringContent,
  templateParts,
  variableDeclarations,
  type BicepFile,
  type Node,
  type ResourceDecl,
} from '../bicep-tree.js';

/*
 * The Function App's app settings, read off the template, checked against the app's own config schema: every
 * setting the schema requires in Azure is set, literal values pass the schema, secrets come from Key Vault.
 */

/** The condition a setting is written under: `condition ? {...} : {}` (set when true) or `condition ? {} : {...}`. */
export interface SettingGuard {
  condition: Node;
  setWhen: boolean;
}

/** One block of app settings and the site it belongs to. */
export interface AppSettings {
  file: BicepFile;
  node: Node;
  site: ResourceDecl | undefined;
  entries: Array<[string, Node]>;
  /** Settings set only under a condition (an argument of `union(...)` written as a ternary). */
  guards: Map<string, SettingGuard>;
}

interface GuardedEntry {
  name: string;
  value: Node;
  guard: SettingGuard | undefined;
}

/**
 * The settings an app settings expression writes: an object literal, or `union()` of object literals, ternaries that
 * pick an object or `{}`, and variables holding either. Anything else is left out (and then reported as not set).
 */
function guardedEntries(file: BicepFile, node: Node, guard: SettingGuard | undefined, depth = 0): GuardedEntry[] {
  if (depth > 10) return [];
  const recurse = (n: Node | null, g: SettingGuard | undefined) => (n ? guardedEntries(file, n, g, depth + 1) : []);
  switch (node.type) {
    case 'object':
      return objectEntries(node).map(([name, value]) => ({ name, value, guard }));
    case 'parenthesized_expression':
      return node.namedChildren.filter((c) => c.type !== 'comment').flatMap((c) => recurse(c, guard));
    case 'call_expression':
      if (callName(node) !== 'union') return [];
      return (node.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a.type !== 'comment').flatMap((a) => recurse(a, guard));
    case 'ternary_expression': {
      const condition = node.childForFieldName('condition');
      if (!condition) return [];
      // The innermost condition is the one that decides; the settings tests write no nested ternaries.
      return [...recurse(node.childForFieldName('consequence'), { condition, setWhen: true }), ...recurse(node.childForFieldName('alternative'), { condition, setWhen: false })];
    }
    case 'identifier': {
      const variable = variableDeclarations(file).get(node.text);
      return variable ? recurse(variable, guard) : [];
    }
    default:
      return [];
  }
}

/** `Microsoft.Web/sites/config` named `appsettings`, and `siteConfig.appSettings` name/value lists on sites. */
export function appSettingsBlocks(project: BicepProject): AppSettings[] {
  const fromConfig = resourcesOfType(project, 'Microsoft.Web/sites/config')
    .filter((r) => {
      const name = propertyAt(r.body, 'name');
      return name !== undefined && evaluate(project, r.file, name) === 'appsettings';
    })
    .flatMap((r) => {
      const props = propertyAt(r.body, 'properties');
      if (!props) return [];
      const found = guardedEntries(r.file, props, undefined);
      if (props.type !== 'object' && found.length === 0) return [];
      const parentRef = propertyAt(r.body, 'parent');
      const site = r.parent ?? resourceDeclarations(r.file).find((d) => d.symbol === parentRef?.text);
      const guards = new Map(found.flatMap((e): Array<[string, SettingGuard]> => (e.guard ? [[e.name, e.guard]] : [])));
      return [{ file: r.file, node: props, site, entries: found.map((e): [string, Node] => [e.name, e.value]), guards }];
    });
  const fromSiteConfig = resourcesOfType(project, 'Microsoft.Web/sites').flatMap((site) => {
    const list = propertyAt(site.body, 'properties.siteConfig.appSettings');
    if (list?.type !== 'array') return [];
    const entries = list.namedChildren
      .filter((el) => el.type === 'object')
      .flatMap((el): Array<[string, Node]> => {
        const name = propertyAt(el, 'name');
        const value = propertyAt(el, 'value');
        const key = name && stringContent(name);
        return key && value ? [[key, value]] : [];
      });
    return [{ file: site.file, node: list, site, entries, guards: new Map<string, SettingGuard>() }];
  });
  return [...fromConfig, ...fromSiteConfig];
}

/** Whether a setting's value is written as a Key Vault reference, `@Microsoft.KeyVault(...)`. */
export function isKeyVaultReference(node: Node): boolean {
  const first = node.type === 'string' ? templateParts(node)[0] : undefined;
  return typeof first === 'string' && /^@Microsoft\.KeyVault\(/i.test(first);
}

/** The parts of a zod schema this check needs: one field schema per setting name. */
export type SettingSchemas = Readonly<Record<string, { safeParse(value: unknown): { success: boolean } }>>;

/** What the app's config module says about Azure deployments. */
export interface AppSettingsPolicy {
  /** Settings an Azure deployment must provide (`requiredAzureSettings()`). */
  required: readonly string[];
  /** Further settings this template is expected to set. */
  expected: readonly string[];
  /** Values that must be exactly these. */
  exact: Readonly<Record<string, string>>;
  /** Settings holding secrets: only ever Key Vault references. */
  secrets: readonly string[];
  /**
   * Secrets a deployment need not give (the external systems' credentials): their Key Vault reference is set only
   * under a condition on the very value it interpolates, so no reference ever points at a secret that was not stored.
   */
  optionalSecrets?: readonly string[];
  /** Credential pairs the app accepts only complete: a template that sets one half must be able to set the other. */
  pairs?: ReadonlyArray<readonly [string, string]>;
  /** Field schemas of the Azure variant of the env schema. */
  schemas: SettingSchemas;
}

function show(v: Value): string {
  return isKnown(v) ? JSON.stringify(v) : 'a deploy-time value';
}

/** Check every app settings block of the project against the app's config schema. */
export function checkAppSettings(project: BicepProject, policy: AppSettingsPolicy): string[] {
  const blocks = appSettingsBlocks(project);
  if (blocks.length === 0) return ['no Function App settings found (Microsoft.Web/sites/config `appsettings` or siteConfig.appSettings)'];
  return blocks.flatMap((block) => {
    const where = locate(block.file, block.node);
    const settings = new Map(block.entries);
    const problems: string[] = [];
    for (const name of [...policy.required, ...policy.expected]) {
      if (!settings.has(name)) problems.push(`${where} app setting ${name} is not set`);
    }
    for (const name of policy.required) {
      const guard = block.guards.get(name);
      if (guard) problems.push(`${where} app setting ${name} is required but set only when ${guard.setWhen ? '' : '!'}(${guard.condition.text})`);
    }
    for (const name of policy.optionalSecrets ?? []) {
      const node = settings.get(name);
      if (!node) continue;
      const referenced = new Set(templateParts(node).flatMap((p) => (typeof p === 'string' ? [] : identifiersWithin(p))));
      const guard = block.guards.get(name);
      if (!guard || !identifiersWithin(guard.condition).some((id) => referenced.has(id))) {
        problems.push(`${where} app setting ${name} references an optional secret but is not conditional on it (${[...referenced].join(', ') || 'no value'}); a missing secret would reach the app as a non-empty value`);
      }
    }
    for (const [a, b] of policy.pairs ?? []) {
      if (settings.has(a) !== settings.has(b)) problems.push(`${where} app setting ${settings.has(a) ? a : b} is set but its pair ${settings.has(a) ? b : a} never is`);
    }
    for (const [name, expected] of Object.entries(policy.exact)) {
      const node = settings.get(name);
      const value = node ? evaluate(project, block.file, node) : undefined;
      if (node && value !== expected) problems.push(`${where} app setting ${name} is ${show(value!)}, expected ${JSON.stringify(expected)}`);
    }
    for (const [name, node] of settings) {
      if (policy.secrets.includes(name)) {
        // Never echo the value: it may be the very secret that must not be there.
        if (!isKeyVaultReference(node)) problems.push(`${where} app setting ${name} holds a secret and must be a Key Vault reference`);
        continue;
      }
      if (name in policy.exact) continue; // checked above, with a clearer message
      // A setting its guard leaves out with these values never reaches the app (e.g. a pipeline id of 0 meaning none).
      const guard = block.guards.get(name);
      if (guard && evaluate(project, block.file, guard.condition) === !guard.setWhen) continue;
      const schema = policy.schemas[name];
      const value = evaluate(project, block.file, node);
      if (schema && isKnown(value) && !schema.safeParse(typeof value === 'number' || typeof value === 'boolean' ? String(value) : value).success) {
        problems.push(`${where} app setting ${name} = ${show(value)} does not pass the app's config schema`);
      }
    }
    const usesReferences = block.entries.some(([, node]) => isKeyVaultReference(node));
    if (usesReferences && block.site && !propertyAt(block.site.body, 'properties.keyVaultReferenceIdentity')) {
      problems.push(`${locate(block.site.file, block.site.node)} site ${block.site.symbol} uses Key Vault references but sets no keyVaultReferenceIdentity`);
    }
    return problems;
  });
}
