import { evaluate, resourcesOfType, type BicepProject } from '../bicep-project.js';
import {
  callName,
  callsWithin,
  identifiersWithin,
  locate,
  objectEntries,
  outputDeclarations,
  parameterDeclarations,
  propertyAt,
  templateParts,
  type BicepFile,
  type Node,
} from '../bicep-tree.js';
import { isKeyVaultReference } from './app-settings.js';

/*
 * No secret is written into a template: secrets enter as @secure() parameters without defaults, land in Key Vault,
 * and reach the app as Key Vault references. Findings name the place, never the value.
 */

/** Names that announce a secret (compared without separators, case-insensitively, at the end of the name). */
const secretName = /(password|passwd|secret|token|pat|apikey|accesskey|accountkey|sharedaccesskey|connectionstring|clientsecret)$/;

/** Text that looks like a credential wherever it appears. */
const credentialPatterns: Array<[RegExp, string]> = [
  [/AccountKey=/i, 'a storage account key'],
  [/SharedAccessKey=/i, 'a shared access key'],
  [/SharedAccessSignature=|[?&]sig=/i, 'a SAS signature'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, 'a JWT'],
  [/\b[a-z2-7]{52}\b/, 'an Azure DevOps personal access token'],
  [/\bghp_[A-Za-z0-9]{36}\b/, 'a GitHub token'],
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key id'],
];

/** Functions that return keys or connection strings; an identity-only deployment never needs them. */
const keyListingFunctions = /^list(Keys|ConnectionStrings|Credentials|Secrets|AccountSas|ServiceSas|KeyValue|AuthKeys)?$/;

function looksSecret(name: string): boolean {
  return secretName.test(name.replace(/[^A-Za-z0-9]/g, '').toLowerCase());
}

/** A string literal with text in it (not empty, no interpolation): a value written into the template. */
function isNonEmptyLiteral(project: BicepProject, file: BicepFile, node: Node): boolean {
  if (node.type !== 'string') return false;
  const v = evaluate(project, file, node);
  return typeof v === 'string' && v.length > 0;
}

/** Parameters: secure ones and secret-looking ones carry no default value. */
function checkParameters(project: BicepProject): string[] {
  return project.files.flatMap((file) =>
    parameterDeclarations(file)
      .filter((p) => (p.secure || looksSecret(p.name)) && p.defaultValue && isNonEmptyLiteral(project, file, p.defaultValue))
      .map((p) => `${locate(file, p.node)} parameter ${p.name} has a literal default; a secret must come in at deploy time`),
  );
}

/** Object properties with secret-looking keys hold no literal (Key Vault references excepted). */
function checkProperties(project: BicepProject): string[] {
  return project.files.flatMap((file) =>
    file.root
      .descendantsOfType('object')
      .flatMap((obj) => objectEntries(obj))
      .filter(([key, value]) => looksSecret(key) && isNonEmptyLiteral(project, file, value) && !isKeyVaultReference(value))
      .map(([key, value]) => `${locate(file, value)} ${key} is set to a literal; pass a @secure() parameter or a Key Vault reference`),
  );
}

/** Key Vault secrets take their value from a @secure() parameter. */
function checkVaultSecrets(project: BicepProject): string[] {
  return resourcesOfType(project, 'Microsoft.KeyVault/vaults/secrets').flatMap((r) => {
    const value = propertyAt(r.body, 'properties.value');
    const secureParams = new Set(parameterDeclarations(r.file).filter((p) => p.secure).map((p) => p.name));
    if (value?.type === 'identifier' && secureParams.has(value.text)) return [];
    return [`${locate(r.file, r.node)} Key Vault secret ${r.symbol} must take its value from a @secure() parameter`];
  });
}

/** No string anywhere looks like a credential. */
function checkCredentialText(project: BicepProject): string[] {
  return project.files.flatMap((file) =>
    file.root.descendantsOfType('string').flatMap((node) => {
      const text = templateParts(node)
        .map((p) => (typeof p === 'string' ? p : '\u0000'))
        .join('');
      return credentialPatterns.filter(([re]) => re.test(text)).map(([, what]) => `${locate(file, node)} string looks like ${what}`);
    }),
  );
}

/** No listKeys()/listSecrets()/… calls: they read keys out of a resource into the deployment. */
function checkKeyListing(project: BicepProject): string[] {
  return project.files.flatMap((file) =>
    callsWithin(file.root)
      .filter((call) => keyListingFunctions.test(callName(call)))
      .map((call) => `${locate(file, call)} ${callName(call)}() reads keys or secrets into the deployment; use the managed identity instead`),
  );
}

/** Identifiers whose value an expression can carry: one only tested with `empty()` tells whether, not what. */
function carriedIdentifiers(node: Node): string[] {
  const ids = node.type === 'identifier' ? [node] : node.descendantsOfType('identifier');
  return ids.filter((n) => !isInsideEmptyCall(n)).map((n) => n.text);
}

function isInsideEmptyCall(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'call_expression' && callName(p) === 'empty') return true;
  }
  return false;
}

/** Outputs (kept in the deployment history) never carry a secure parameter or a password. */
function checkOutputs(project: BicepProject): string[] {
  return project.files.flatMap((file) => {
    const secureParams = new Set(parameterDeclarations(file).filter((p) => p.secure).map((p) => p.name));
    return outputDeclarations(file).flatMap((o) => {
      const leaked = o.value ? carriedIdentifiers(o.value).filter((id) => secureParams.has(id)) : [];
      return [
        ...leaked.map((id) => `${locate(file, o.node)} output ${o.name} exposes the secure parameter ${id}`),
        ...(/password/i.test(o.name) ? [`${locate(file, o.node)} output ${o.name} is named like a password`] : []),
      ];
    });
  });
}

/** The condition of `resource x '...' = if (condition) {...}`. */
function resourceCondition(decl: Node): Node | undefined {
  return decl.namedChildren.find((c) => c.type === 'if_statement')?.namedChildren.find((c) => c.type === 'parenthesized_expression');
}

/**
 * A Key Vault secret whose @secure() parameter may be left empty exists only when it was given: an empty secret
 * would resolve to an empty setting, but the reference would still be set and the secret still be stored.
 */
export function checkOptionalVaultSecrets(project: BicepProject): string[] {
  return resourcesOfType(project, 'Microsoft.KeyVault/vaults/secrets').flatMap((r) => {
    const value = propertyAt(r.body, 'properties.value');
    const param = parameterDeclarations(r.file).find((p) => p.secure && p.name === value?.text);
    if (!param?.defaultValue) return [];
    const condition = resourceCondition(r.node);
    if (condition && identifiersWithin(condition).includes(param.name)) return [];
    return [`${locate(r.file, r.node)} Key Vault secret ${r.symbol} takes the optional parameter ${param.name} but is created even when it is empty`];
  });
}

/** Every way a secret can end up written in the templates. */
export function checkNoSecretLiterals(project: BicepProject): string[] {
  return [
    ...checkParameters(project),
    ...checkProperties(project),
    ...checkVaultSecrets(project),
    ...checkCredentialText(project),
    ...checkKeyListing(project),
    ...checkOutputs(project),
  ];
}

/** Parameter files (JSON) give no secure parameter a value, except azd's `${VARIABLE}` substitutions. */
export function checkParameterFileSecrets(secureParams: readonly string[], path: string, json: unknown, opts: { allowSubstitution: boolean }): string[] {
  const parameters = (json as { parameters?: Record<string, { value?: unknown; reference?: unknown }> }).parameters ?? {};
  return Object.entries(parameters).flatMap(([name, entry]) => {
    const secret = secureParams.includes(name) || looksSecret(name);
    if (!secret || entry.reference !== undefined) return []; // a Key Vault reference is the right way in
    const value = entry.value;
    if (value === undefined || value === '') return [];
    // `${NAME}`, or `${NAME=}` for an optional secret: an empty default is no secret.
    if (opts.allowSubstitution && typeof value === 'string' && /^\$\{[A-Z0-9_]+=?\}$/.test(value)) return [];
    return [`${path}: parameter ${name} is a secret and must not be written in a parameter file`];
  });
}
