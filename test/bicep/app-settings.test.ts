import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { envSchema, requiredAzureSettings, secretSettings } from '../../shared/config/schema.js';
import { loadFixture, loadProject } from './bicep-project.js';
import { assertFindings } from './assert-findings.js';
import { appSettingsBlocks, checkAppSettings, type AppSettingsPolicy } from './policies/app-settings.js';

/** The Azure variant of the app's env schema: the policy is read off it, so template and schema cannot drift apart. */
const azureSchema = envSchema.options.find((o) => o.shape.MLCYCLE_ENVIRONMENT.value === 'azure');
assert.ok(azureSchema);

/**
 * The external systems' settings a deployment can give (docs/architecture.md, "The run"); the rest of their group keeps the
 * app's defaults. Azure DevOps and the registry need no credential setting in Azure: the app's identity is the default.
 */
const externalSystemSettings = [
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'AIRFLOW_BASE_URL',
  'AIRFLOW_API_VERSION',
  'AIRFLOW_USERNAME',
  'AIRFLOW_PASSWORD',
  'AIRFLOW_UNPAUSE_DAGS',
  'MLFLOW_TRACKING_URI',
  'MLFLOW_TRACKING_TOKEN',
  'ADO_PAT',
  'ADO_BUILD_ORGANIZATION',
  'ADO_BUILD_PROJECT',
  'ADO_IMAGE_PIPELINE_ID',
  'REGISTRY_LOGIN_SERVER',
];

/** Hook secrets a deployment may leave out: the hook then refuses every call. */
const optionalHookSecrets = ['AZURE_MONITOR_WEBHOOK_SECRET'];

/** What selects the Durable Task Scheduler backend (test/bicep/durable-backend.test.ts); absent with Azure Storage. */
const durableTaskSchedulerSettings = [
  'DURABLE_TASK_SCHEDULER_CONNECTION_STRING',
  'AzureFunctionsJobHost__extensions__durableTask__storageProvider__type',
  'AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName',
];

const policy: AppSettingsPolicy = {
  required: requiredAzureSettings(),
  // Optional in the schema (they have defaults) but part of the production shape.
  expected: ['COSMOS_DATABASE', 'TASK_HUB_NAME', 'RUN_REQUESTS_QUEUE', 'RUN_EVENTS_QUEUE', 'ADO_HOOKS_QUEUE', 'ADO_WEBHOOK_SECRET', 'AIRFLOW_CALLBACK_SECRET', 'CONTINUATION_TOKEN_KEY', 'MLCYCLE_API_KEYS', 'MLCYCLE_SIGN_IN', ...optionalHookSecrets, ...externalSystemSettings],
  exact: { MLCYCLE_ENVIRONMENT: 'azure', AzureWebJobsStorage__credential: 'managedidentity' },
  secrets: secretSettings,
  optionalSecrets: ['S3_SECRET_ACCESS_KEY', 'AIRFLOW_PASSWORD', 'MLFLOW_TRACKING_TOKEN', 'ADO_PAT', ...optionalHookSecrets],
  pairs: [
    ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'],
    ['AIRFLOW_USERNAME', 'AIRFLOW_PASSWORD'],
  ],
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

  it('every external-system setting is one the schema knows, and every optional secret is a secret to the app', () => {
    assert.deepEqual(externalSystemSettings.filter((n) => !(n in azureSchema.shape)), []);
    assert.deepEqual(policy.optionalSecrets?.filter((n) => !(secretSettings as readonly string[]).includes(n)), []);
  });

  it('sets the external systems only when their group is configured, and each optional secret only when it was stored', () => {
    const [block] = appSettingsBlocks(templates);
    assert.ok(block);
    const guarded = [...block.guards.keys()].sort();
    assert.deepEqual(
      guarded,
      [...externalSystemSettings, ...optionalHookSecrets, ...durableTaskSchedulerSettings, 'MLCYCLE_SIGN_IN'].sort(),
      'exactly the external-system settings, the optional hook secrets, the scheduler backend and the sign-in are conditional',
    );
    assert.match(block.guards.get('MLCYCLE_SIGN_IN')!.condition.text, /signIn/);
    for (const name of durableTaskSchedulerSettings) assert.equal(block.guards.get(name)!.condition.text, 'empty(durableTaskSchedulerEndpoint)', name);
    for (const name of policy.optionalSecrets ?? []) {
      const guard = block.guards.get(name);
      assert.ok(guard && !guard.setWhen, name);
      assert.match(guard.condition.text, /empty\(\w+SecretUri\)/, `${name} is conditional on its own secret`);
    }
    // The Airflow password and the MLflow token also need their group; the S3 pair stands on its own (AWS S3 needs no endpoint).
    assert.match(block.guards.get('AIRFLOW_PASSWORD')!.condition.text, /empty\(airflowBaseUrl\)/);
    assert.match(block.guards.get('AIRFLOW_USERNAME')!.condition.text, /empty\(airflowBaseUrl\)/);
    assert.match(block.guards.get('MLFLOW_TRACKING_TOKEN')!.condition.text, /empty\(mlflowTrackingUri\)/);
  });

  it('would catch a setting the schema starts requiring that the template does not set', () => {
    const findings = checkAppSettings(templates, { ...policy, required: [...policy.required, 'AIRFLOW_CALLBACK_URL'] });
    assert.equal(findings.length, 1);
    assert.match(findings[0]!, /app setting AIRFLOW_CALLBACK_URL is not set/);
  });

  it('fires on missing required settings, the wrong environment, values the schema rejects and references without an identity', () => {
    const findings = checkAppSettings(loadFixture('app-settings-drift.bicep'), { ...policy, expected: [], optionalSecrets: [] });
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

  it('fires on a required setting behind a condition, a half credential pair and optional secrets not conditional on themselves', () => {
    const findings = checkAppSettings(loadFixture('optional-secrets.bicep'), { ...policy, required: ['MLCYCLE_ENVIRONMENT', 'TASK_HUB_NAME'], expected: [] });
    assertFindings(findings, [
      /app setting TASK_HUB_NAME is required but set only when !\(empty\(mlflowTrackingUri\)\)/,
      /app setting S3_ACCESS_KEY_ID is set but its pair S3_SECRET_ACCESS_KEY never is/,
      /app setting MLFLOW_TRACKING_TOKEN references an optional secret but is not conditional on it \(tokenSecret\)/,
      /app setting AIRFLOW_PASSWORD references an optional secret but is not conditional on it \(airflowSecret\)/,
      /app setting AIRFLOW_PASSWORD is set but its pair AIRFLOW_USERNAME never is/,
    ]);
  });

  it('fires on secret settings that are not Key Vault references, without echoing them', () => {
    const findings = checkAppSettings(loadFixture('secret-literal.bicep'), { ...policy, required: [], expected: [], exact: {}, optionalSecrets: [] });
    assert.deepEqual(
      findings.map((f) => f.replace(/^\S+ /, '')),
      ['app setting ADO_PAT holds a secret and must be a Key Vault reference', 'app setting AIRFLOW_CALLBACK_SECRET holds a secret and must be a Key Vault reference'],
    );
  });
});
