import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindings } from './assert-findings.js';
import { loadFixture, loadProject, resourcesOfType } from './bicep-project.js';
import { loadBicepFile, parameterDeclarations, readRepoFile } from './bicep-tree.js';
import { checkNoSecretLiterals, checkOptionalVaultSecrets, checkParameterFileSecrets } from './policies/secrets.js';

describe('no secret literal', () => {
  const templates = loadProject('bicep');

  it('the templates write no secret: secrets are @secure() parameters stored in Key Vault', () => {
    assert.equal(resourcesOfType(templates, 'Microsoft.KeyVault/vaults/secrets').length, 9);
    assert.deepEqual(checkNoSecretLiterals(templates), []);
  });

  it('the optional secrets (external-system credentials) are stored only when given', () => {
    assert.deepEqual(checkOptionalVaultSecrets(templates), []);
  });

  it('fires on an optional secret stored unconditionally or under a condition on something else', () => {
    assertFindings(checkOptionalVaultSecrets(loadFixture('optional-secrets.bicep')), [
      /Key Vault secret s3Secret takes the optional parameter s3SecretAccessKey but is created even when it is empty/,
      /Key Vault secret tokenSecret takes the optional parameter mlflowTrackingToken but is created even when it is empty/,
    ]);
  });

  it('the parameter files give no secret a value (azd substitutes ${VARIABLE}s from its environment)', () => {
    const secure = parameterDeclarations(loadBicepFile('bicep/main.bicep'))
      .filter((p) => p.secure)
      .map((p) => p.name);
    assert.deepEqual(secure, ['adoPat', 'adoWebhookSecret', 'azureMonitorWebhookSecret', 'airflowCallbackSecret', 'continuationTokenKey', 'apiKeys', 's3SecretAccessKey', 'airflowPassword', 'mlflowTrackingToken']);
    const files: Array<[string, boolean]> = [
      ['bicep/main.parameters.json', true],
      ['bicep/params/dev.parameters.json', false],
      ['bicep/params/prod.parameters.json', false],
    ];
    for (const [path, allowSubstitution] of files) {
      assert.deepEqual(checkParameterFileSecrets(secure, path, JSON.parse(readRepoFile(path)), { allowSubstitution }), []);
    }
  });

  it('fires on parameter files that carry a secret', () => {
    const json = {
      parameters: {
        adoPat: { value: 'made-up' },
        airflowCallbackSecret: { value: '${AIRFLOW_CALLBACK_SECRET}' },
        airflowPassword: { value: '${AIRFLOW_PASSWORD=}' },
        mlflowTrackingToken: { value: '${MLFLOW_TRACKING_TOKEN=made-up}' },
      },
    };
    const secure = ['adoPat', 'airflowCallbackSecret', 'airflowPassword', 'mlflowTrackingToken'];
    assert.deepEqual(
      checkParameterFileSecrets(secure, 'p.json', json, { allowSubstitution: true }).map((f) => f.replace(/^p\.json: parameter (\w+).*/, '$1')),
      ['adoPat', 'mlflowTrackingToken'],
    );
    assert.equal(checkParameterFileSecrets(secure, 'p.json', json, { allowSubstitution: false }).length, 4);
  });

  it('fires on every planted secret without echoing its value', () => {
    const findings = checkNoSecretLiterals(loadFixture('secret-literal.bicep'));
    assertFindings(findings, [
      /parameter adoPat has a literal default/,
      /parameter webhookSecret has a literal default/,
      /ADO_PAT is set to a literal/,
      /Key Vault secret patSecret must take its value from a @secure\(\) parameter/,
      /string looks like a storage account key/,
      /listKeys\(\) reads keys or secrets into the deployment/,
      /output patEcho exposes the secure parameter adoPat/,
      /output adminPassword is named like a password/,
    ]);
    for (const f of findings) assert.doesNotMatch(f, /made-up|not-a-real-key/);
  });
});
