import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toConfig } from '../../shared/config/config.js';
import { envSchema } from '../../shared/config/schema.js';
import { readRepoFile } from './bicep-tree.js';
import { loadProject, type Value } from './bicep-project.js';
import { renderAppSettings, requiredParameters } from './render-settings.js';

/*
 * Azure DevOps (sources, the image pipeline) and the container registry through a whole deployment: the app's
 * identity is the default credential for both, the PAT an optional Key Vault secret, and the registry's login
 * server comes from the existing registry. The values are made up; none is a real credential.
 */

const templates = loadProject('bicep');
const clientId = '00000000-0000-4000-8000-000000000001'; // the identity's stand-in client id (render-settings.ts)
const acrResourceId = '/subscriptions/00000000-0000-4000-8000-00000000000a/resourceGroups/rg-shared/providers/Microsoft.ContainerRegistry/registries/MlcycleImages';

const required = requiredParameters;

const adoAndRegistry = /^(ADO_(?!WEBHOOK_SECRET$|HOOKS_QUEUE$)|REGISTRY_)/;

function render(params: Record<string, Value>) {
  const out = renderAppSettings(templates, { ...required, ...params });
  const written = JSON.stringify(out.written);
  for (const secret of ['made-up-ado-pat', 'made-up-webhook-secret', 'made-up-callback-secret']) assert.ok(!written.includes(secret), `${secret} is written into the app settings`);
  return { ...out, config: toConfig(envSchema.parse(out.resolved)) };
}

describe('Azure DevOps and the registry through a deployment', () => {
  it('by default: no PAT stored or set, Azure DevOps with the managed identity, every registry read anonymously', () => {
    const { written, storedSecrets, config } = render({});
    assert.deepEqual(Object.keys(written).filter((k) => adoAndRegistry.test(k)), []);
    assert.ok(!storedSecrets.includes('ado-pat'));
    assert.deepEqual(config.azureDevOps, { baseUrl: 'https://dev.azure.com', auth: { kind: 'managedIdentity', clientId }, build: {} });
    assert.deepEqual(config.registry, { auth: { kind: 'anonymous' } });
  });

  it('explicit empty values (what the parameter files carry) are the same as leaving them out', () => {
    const { written } = render({ adoPat: '', adoBuildOrganization: '', adoBuildProject: '', adoImagePipelineId: 0, acrResourceId: '', buildPrincipalId: '' });
    assert.deepEqual(Object.keys(written).filter((k) => adoAndRegistry.test(k)), []);
  });

  it('a PAT is stored in Key Vault and set as a reference the app resolves to PAT auth', () => {
    const { written, storedSecrets, config } = render({ adoPat: 'made-up-ado-pat' });
    assert.equal(typeof written.ADO_PAT, 'string');
    assert.match(written.ADO_PAT as string, /^@Microsoft\.KeyVault\(SecretUri=https:\/\/[^)]+\/secrets\/ado-pat\)$/);
    assert.ok(storedSecrets.includes('ado-pat'));
    assert.deepEqual(config.azureDevOps?.auth, { kind: 'pat', pat: 'made-up-ado-pat' });
  });

  it('the image pipeline settings reach the config, each only when given', () => {
    const all = render({ adoBuildOrganization: 'contoso-ml', adoBuildProject: 'Training Images', adoImagePipelineId: 42 });
    assert.deepEqual(
      Object.keys(all.written).filter((k) => adoAndRegistry.test(k)).sort(),
      ['ADO_BUILD_ORGANIZATION', 'ADO_BUILD_PROJECT', 'ADO_IMAGE_PIPELINE_ID'],
    );
    assert.equal(all.written.ADO_IMAGE_PIPELINE_ID, '42');
    assert.deepEqual(all.config.azureDevOps?.build, { organization: 'contoso-ml', project: 'Training Images', pipelineId: 42 });

    const idOnly = render({ adoImagePipelineId: 7 });
    assert.deepEqual(idOnly.config.azureDevOps?.build, { pipelineId: 7 });
  });

  it('a registry sets its login server, read off the existing registry, and the app authenticates with its identity', () => {
    const { written, config } = render({ acrResourceId, buildPrincipalId: '00000000-0000-4000-8000-00000000000b' });
    assert.deepEqual(Object.keys(written).filter((k) => adoAndRegistry.test(k)), ['REGISTRY_LOGIN_SERVER']);
    assert.deepEqual(config.registry, { loginServer: 'mlcycleimages.azurecr.io', auth: { kind: 'managedIdentity', clientId } });
  });

  it('the sample settings name, for each Key Vault reference, the secret the templates store', () => {
    const { written } = render({ adoPat: 'made-up-ado-pat', azureMonitorWebhookSecret: 'made-up-monitor-secret', s3AccessKeyId: 'k', s3SecretAccessKey: 's', airflowBaseUrl: 'https://airflow.example.test', airflowUsername: 'u', airflowPassword: 'p', mlflowTrackingUri: 'https://mlflow.example.test', mlflowTrackingToken: 't' });
    const referenced = new Map(
      Object.entries(written).flatMap(([k, v]): Array<[string, string]> => {
        const m = typeof v === 'string' ? /^@Microsoft\.KeyVault\(SecretUri=.+\/secrets\/([a-z0-9-]+)\)$/.exec(v) : null;
        return m ? [[k, m[1]!]] : [];
      }),
    );
    assert.ok(referenced.size >= 8);
    const docs = (JSON.parse(readRepoFile('local.settings.sample.json')) as { Docs: Record<string, string> }).Docs;
    for (const [setting, text] of Object.entries(docs)) {
      const named = /Key Vault reference to `([^`]+)`/.exec(text)?.[1];
      if (named !== undefined) assert.equal(named, referenced.get(setting), `${setting} names the Key Vault secret ${named}`);
    }
    for (const setting of referenced.keys()) if (setting in docs) assert.match(docs[setting]!, /Key Vault reference/, setting);
  });
});
