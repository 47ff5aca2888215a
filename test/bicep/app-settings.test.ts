import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { envSchema, requiredAzureSettings, secretSettings } from '../../shared/config/schema.js';
import { loadFixture, loadProject } from './bicep-project.js';
import { checkAppSettings, type AppSettingsPolicy } from './policies/app-settings.js';

/** The Azure variant of the app's env schema: the policy is read off it, so template and schema cannot drift apart. */
const azureSchema = envSchema.options.find((o) => o.shape.MLCYCLE_ENVIRONMENT.value === 'azure');
assert.ok(azureSchema);

const policy: AppSettingsPolicy = {
  required: requiredAzureSettings(),
  // Optional in the schema (they have defaults) but part of the production shape.
  expected: ['COSMOS_DATABASE', 'TASK_HUB_NAME', 'RUN_REQUESTS_QUEUE', 'RUN_EVENTS_QUEUE', 'ADO_PAT', 'ADO_WEBHOOK_SECRET', 'AIRFLOW_CALLBACK_SECRET'],
  exact: { MLCYCLE_ENVIRONMENT: 'azure', AzureWebJobsStorage__credential: 'managedidentity' },
  secrets: secretSettings,
  schemas: azureSchema.shape,
};

describe('Function App settings against the app config schema', () => {
  const templates = loadProject('bicep');

  it('reads the required settings off the schema itself', () => {
    assert.ok(policy.required.includes('MLCYCLE_ENVIRONMENT'));
    assert.ok(policy.required.includes('COSMOS_ENDPOINT'));
    assert.ok(policy.required.every((name) => name in azureSchema.shape));
  });

  it('sets every setting the schema requires in Azure, the expected optional ones, valid literals and Key Vault references for secrets', () => {
    assert.deepEqual(checkAppSettings(templates, policy), []);
  });

  it('would catch a setting the schema starts requiring that the template does not set', () => {
    const findings = checkAppSettings(templates, { ...policy, required: [...policy.required, 'MLFLOW_TRACKING_URI'] });
    assert.equal(findings.length, 1);
    assert.match(findings[0]!, /app setting MLFLOW_TRACKING_URI is not set/);
  });

  it('fires on missing required settings, the wrong environment, values the schema rejects and references without an identity', () => {
    const findings = checkAppSettings(loadFixture('app-settings-drift.bicep'), { ...policy, expected: [] });
    const set = ['MLCYCLE_ENVIRONMENT', 'AzureWebJobsStorage__credential', 'TASK_HUB_NAME', 'RUN_EVENTS_QUEUE', 'ADO_PAT'];
    const missing = policy.required.filter((n) => !set.includes(n));
    assert.ok(missing.length >= 4);
    const expected = [
      ...missing.map((n) => new RegExp(`app setting ${n} is not set$`)),
      /app setting MLCYCLE_ENVIRONMENT is "local", expected "azure"/,
      /app setting TASK_HUB_NAME = "x" does not pass the app's config schema/,
      /app setting RUN_EVENTS_QUEUE = "Run_Events" does not pass the app's config schema/,
      /site site uses Key Vault references but sets no keyVaultReferenceIdentity/,
    ];
    assert.equal(findings.length, expected.length, findings.join('\n'));
    for (const re of expected) assert.ok(findings.some((f) => re.test(f)), `${re} in\n${findings.join('\n')}`);
  });

  it('fires on secret settings that are not Key Vault references, without echoing them', () => {
    const findings = checkAppSettings(loadFixture('secret-literal.bicep'), { ...policy, required: [], expected: [], exact: {} });
    assert.deepEqual(
      findings.map((f) => f.replace(/^\S+ /, '')),
      ['app setting ADO_PAT holds a secret and must be a Key Vault reference', 'app setting AIRFLOW_CALLBACK_SECRET holds a secret and must be a Key Vault reference'],
    );
  });
});
