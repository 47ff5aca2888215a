import { evaluate, isKnown, moduleTarget, projectModules, resourcesOfType, Unknown, type BicepProject, type Value } from './bicep-project.js';
import { outputDeclarations, parameterDeclarations, propertyAt, type BicepFile, type ModuleDecl, type Node } from './bicep-tree.js';
import { appSettingsBlocks } from './policies/app-settings.js';

/*
 * A dry run of one deployment, as far as the app settings go: main.bicep's parameters flow through the environment
 * module into the Key Vault module (which secrets exist, their URIs) and the Function App module, whose app settings
 * are then evaluated and their Key Vault references resolved the way App Service does (an unresolvable reference
 * stays verbatim). Resources and modules the settings only take ids and endpoints from get stand-in outputs.
 */

/** What one deployment would hand the app. */
export interface RenderedSettings {
  /** The app settings as the template writes them (Key Vault references unresolved). */
  written: Record<string, Value>;
  /** The same settings as the app reads them: every reference to a stored secret replaced by its value. */
  resolved: Record<string, string>;
  /** Names of the Key Vault secrets the deployment stores. */
  storedSecrets: string[];
}

const vaultUri = 'https://kv-mlc-test.vault.azure.net';
const clientId = '00000000-0000-4000-8000-000000000001';
/** What a deployed scheduler reports as its endpoint (`properties.endpoint`). */
export const standInSchedulerEndpoint = 'https://dts-mlcycle-test.swedencentral.durabletask.io';

/** Outputs of the modules, and properties of the existing registry, whose real values only exist after deployment. */
function standInModules(envScope: ReadonlyMap<string, Value>, acrNode: Node): Map<string, Value> {
  const acrId = envScope.get('acrResourceId');
  return new Map<string, Value>([
    ['identity', { outputs: { clientId, principalId: '00000000-0000-4000-8000-000000000002', resourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id' } }],
    ['monitoring', { outputs: { connectionString: 'InstrumentationKey=00000000-0000-4000-8000-000000000003;IngestionEndpoint=https://ingest.test/' } }],
    [
      'storage',
      {
        outputs: {
          name: 'stmlcycletest',
          blobEndpoint: 'https://stmlcycletest.blob.core.windows.net/',
          queueEndpoint: 'https://stmlcycletest.queue.core.windows.net/',
          tableEndpoint: 'https://stmlcycletest.table.core.windows.net/',
          deploymentContainerUrl: 'https://stmlcycletest.blob.core.windows.net/app-package',
        },
      },
    ],
    ['cosmos', { outputs: { endpoint: 'https://cosmos-mlcycle-test.documents.azure.com:443/', databaseName: envScope.get('cosmosDatabaseName') ?? 'mlcycle' } }],
    ['durableTaskScheduler', { outputs: { endpoint: standInSchedulerEndpoint, taskHubName: envScope.get('taskHubName') ?? 'mlcycle' } }],
    // The existing registry: its login server is its name in lower case under azurecr.io (public cloud).
    ['registry', { properties: { loginServer: typeof acrId === 'string' && acrId !== '' ? `${acrId.split('/').at(-1)!.toLowerCase()}.azurecr.io` : new Unknown(acrNode, 'no registry is given') } }],
  ]);
}

/** The values a module's parameters take: what its caller passes (evaluated in the caller's scope), else defaults. */
function moduleParams(project: BicepProject, mod: ModuleDecl, target: BicepFile, callerScope: ReadonlyMap<string, Value>): Map<string, Value> {
  return new Map(
    parameterDeclarations(target).map((p): [string, Value] => {
      const passed = propertyAt(mod.body, `params.${p.name}`);
      if (passed) return [p.name, evaluate(project, mod.file, passed, callerScope)];
      return [p.name, p.defaultValue ? evaluate(project, target, p.defaultValue) : new Unknown(p.node, `${p.name} is not passed`)];
    }),
  );
}

function condition(decl: Node): Node | undefined {
  return decl.namedChildren.find((c) => c.type === 'if_statement')?.namedChildren.find((c) => c.type === 'parenthesized_expression');
}

function localModule(project: BicepProject, caller: BicepFile, symbol: string): { mod: ModuleDecl; target: BicepFile } {
  const mod = projectModules(project).find((m) => m.file.path === caller.path && m.symbol === symbol);
  const target = mod && moduleTarget(project, mod);
  if (!mod || !target) throw new Error(`${caller.path} has no local module ${symbol}`);
  return { mod, target };
}

/** The parameters every deployment must give (made-up values; none is a real credential). */
export const requiredParameters: Readonly<Record<string, Value>> = {
  environmentName: 'mlcycle-test',
  location: 'swedencentral',
  adoWebhookSecret: 'made-up-webhook-secret',
  airflowCallbackSecret: 'made-up-callback-secret-0123456789',
  continuationTokenKey: 'made-up-continuation-token-key-0123456789',
  apiKeys: 'made-up-api-key-0123456789',
};

/** Render the app settings one deployment of `bicep/main.bicep` with these parameter values would write. */
export function renderAppSettings(project: BicepProject, given: Readonly<Record<string, Value>>): RenderedSettings {
  const main = project.files.find((f) => f.path === 'bicep/main.bicep');
  if (!main) throw new Error('no bicep/main.bicep');
  const mainScope = new Map(
    parameterDeclarations(main).map((p): [string, Value] => [
      p.name,
      p.name in given ? given[p.name]! : p.defaultValue ? evaluate(project, main, p.defaultValue) : new Unknown(p.node, `${p.name} is required`),
    ]),
  );
  // The environment module holds everything in the resource group; its parameters are what main.bicep passes.
  const env = localModule(project, main, 'app');
  const envScope = moduleParams(project, env.mod, env.target, mainScope);
  for (const [k, v] of standInModules(envScope, env.target.root)) envScope.set(k, v);

  // Key Vault: which secrets the deployment stores, under which URIs, and what the module outputs.
  const kv = localModule(project, env.target, 'keyVault');
  const kvScope = moduleParams(project, kv.mod, kv.target, envScope);
  const vault = new Map<string, { name: string; value: Value }>();
  for (const secret of resourcesOfType(project, 'Microsoft.KeyVault/vaults/secrets').filter((r) => r.file.path === kv.target.path)) {
    const cond = condition(secret.node);
    const created = cond ? evaluate(project, kv.target, cond, kvScope) : true;
    if (typeof created !== 'boolean') throw new Error(`cannot tell offline whether secret ${secret.symbol} is created`);
    const nameNode = propertyAt(secret.body, 'name');
    const valueNode = propertyAt(secret.body, 'properties.value');
    const name = nameNode ? evaluate(project, kv.target, nameNode, kvScope) : undefined;
    if (typeof name !== 'string') throw new Error(`secret ${secret.symbol} has no literal name`);
    if (!created) {
      kvScope.set(secret.symbol, new Unknown(secret.node, `secret ${name} is not deployed`));
      continue;
    }
    const uri = `${vaultUri}/secrets/${name}`;
    vault.set(uri, { name, value: valueNode ? evaluate(project, kv.target, valueNode, kvScope) : null });
    kvScope.set(secret.symbol, { properties: { secretUri: uri } });
  }
  const kvOutputs = Object.fromEntries(outputDeclarations(kv.target).map((o): [string, Value] => [o.name, o.value ? evaluate(project, kv.target, o.value, kvScope) : null]));
  envScope.set('keyVault', { outputs: kvOutputs });

  // The Function App's settings, with its own defaultHostName standing in for the deployed site.
  const fa = localModule(project, env.target, 'functionApp');
  const faScope = moduleParams(project, fa.mod, fa.target, envScope);
  faScope.set('site', { properties: { defaultHostName: 'func-mlcycle-test.azurewebsites.net' } });
  const [block] = appSettingsBlocks(project).filter((b) => b.file.path === fa.target.path);
  if (!block) throw new Error('the Function App module writes no app settings');
  const written = evaluate(project, fa.target, block.node, faScope);
  if (!isKnown(written) || written === null || typeof written !== 'object' || Array.isArray(written)) {
    throw new Error(`app settings not known offline: ${written instanceof Unknown ? written.reason : typeof written}`);
  }

  const resolved: Record<string, string> = {};
  for (const [key, value] of Object.entries(written)) {
    if (typeof value !== 'string') throw new Error(`app setting ${key} is not a known string${value instanceof Unknown ? `: ${value.reason}` : ''}`);
    const ref = /^@Microsoft\.KeyVault\(SecretUri=(.+)\)$/.exec(value);
    const secret = ref ? vault.get(ref[1]!) : undefined;
    resolved[key] = secret && typeof secret.value === 'string' ? secret.value : value;
  }
  return { written, resolved, storedSecrets: [...vault.values()].map((s) => s.name) };
}
