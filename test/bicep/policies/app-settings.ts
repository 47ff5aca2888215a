import { evaluate, isKnown, resourcesOfType, type BicepProject, type Value } from '../bicep-project.js';
import { locate, objectEntries, propertyAt, resourceDeclarations, stringContent, templateParts, type BicepFile, type Node, type ResourceDecl } from '../bicep-tree.js';

/*
 * The Function App's app settings, read off the template, checked against the app's own config schema: every
 * setting the schema requires in Azure is set, literal values pass the schema, secrets come from Key Vault.
 */

/** One block of app settings and the site it belongs to. */
export interface AppSettings {
  file: BicepFile;
  node: Node;
  site: ResourceDecl | undefined;
  entries: Array<[string, Node]>;
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
      if (props?.type !== 'object') return [];
      const parentRef = propertyAt(r.body, 'parent');
      const site = r.parent ?? resourceDeclarations(r.file).find((d) => d.symbol === parentRef?.text);
      return [{ file: r.file, node: props, site, entries: objectEntries(props) }];
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
    return [{ file: site.file, node: list, site, entries }];
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
