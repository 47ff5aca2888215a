import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toConfig } from '../../shared/config/config.js';
import { envSchema } from '../../shared/config/schema.js';
import { loadProject, type Value } from './bicep-project.js';
import { renderAppSettings, requiredParameters } from './render-settings.js';

/*
 * The external systems (S3, Airflow, MLflow) through a whole deployment: main.bicep's parameters, the Key
 * Vault secrets, the Function App's settings, and the app's own config schema parsing what App Service would hand it.
 * The values are made up; none is a real credential.
 */

const templates = loadProject('bicep');

const required = requiredParameters;

const everything: Record<string, Value> = {
  ...required,
  s3Endpoint: 'https://minio.example.test:9000',
  s3Region: 'eu-north-1',
  s3AccessKeyId: 'made-up-key-id',
  s3SecretAccessKey: 'made-up-s3-secret',
  airflowBaseUrl: 'https://airflow.example.test',
  airflowApiVersion: '2',
  airflowUsername: 'mlcycle',
  airflowPassword: 'made-up-airflow-password',
  airflowUnpauseDags: true,
  mlflowTrackingUri: 'https://mlflow.example.test',
  mlflowTrackingToken: 'made-up-mlflow-token',
};

const external = /^(S3|AIRFLOW|MLFLOW)_(?!CALLBACK_SECRET$)/;
const madeUpSecrets = ['made-up-s3-secret', 'made-up-airflow-password', 'made-up-mlflow-token'];

function render(params: Record<string, Value>) {
  const out = renderAppSettings(templates, params);
  // Whatever the parameters, no secret value is ever written into an app setting: only references are.
  const written = JSON.stringify(out.written);
  for (const secret of [...madeUpSecrets, 'made-up-ado-pat', 'made-up-callback-secret']) assert.ok(!written.includes(secret), `${secret} is written into the app settings`);
  return out;
}

/** A written setting that must be a string (a Key Vault reference, when it holds a secret). */
function writtenString(value: Value | undefined): string {
  assert.equal(typeof value, 'string');
  return value as string;
}

/** The settings the app's schema reports as the problem, as it would at start-up (the app then registers nothing). */
function rejectedSettings(env: Record<string, string>): string[] {
  const parsed = envSchema.safeParse(env);
  assert.equal(parsed.success, false);
  return parsed.error.issues.map((i) => i.path.join('.'));
}

describe('external systems through a deployment', () => {
  it('by default sets none of them and stores only the three required secrets; the app starts with every system unconfigured', () => {
    const { written, resolved, storedSecrets } = render(required);
    assert.deepEqual(Object.keys(written).filter((k) => external.test(k)), []);
    assert.deepEqual(storedSecrets.sort(), ['ado-webhook-secret', 'airflow-callback-secret', 'api-keys', 'continuation-token-key']);
    const config = toConfig(envSchema.parse(resolved));
    assert.deepEqual([config.s3, config.airflow, config.mlflow], [undefined, undefined, undefined]);
  });

  it('explicit empty values (what the parameter files carry) are the same as leaving them out', () => {
    const empties = Object.fromEntries(Object.entries(everything).filter(([k]) => !(k in required)).map(([k, v]) => [k, typeof v === 'string' && k !== 's3Region' && k !== 'airflowApiVersion' ? '' : v]));
    const { written } = render({ ...required, ...empties });
    assert.deepEqual(Object.keys(written).filter((k) => external.test(k)), []);
  });

  it('with everything given sets every group, secrets as Key Vault references the app resolves', () => {
    const { written, resolved, storedSecrets } = render(everything);
    assert.deepEqual(Object.keys(written).filter((k) => external.test(k)).sort(), [
      'AIRFLOW_API_VERSION',
      'AIRFLOW_BASE_URL',
      'AIRFLOW_PASSWORD',
      'AIRFLOW_UNPAUSE_DAGS',
      'AIRFLOW_USERNAME',
      'MLFLOW_TRACKING_TOKEN',
      'MLFLOW_TRACKING_URI',
      'S3_ACCESS_KEY_ID',
      'S3_ENDPOINT',
      'S3_REGION',
      'S3_SECRET_ACCESS_KEY',
    ]);
    for (const name of ['S3_SECRET_ACCESS_KEY', 'AIRFLOW_PASSWORD', 'MLFLOW_TRACKING_TOKEN']) {
      assert.match(writtenString(written[name]), /^@Microsoft\.KeyVault\(SecretUri=https:\/\/[^)]+\/secrets\/[a-z0-9-]+\)$/, name);
    }
    assert.ok(['s3-secret-access-key', 'airflow-password', 'mlflow-tracking-token'].every((s) => storedSecrets.includes(s)));
    const config = toConfig(envSchema.parse(resolved));
    assert.deepEqual(config.s3?.credentials, { accessKeyId: 'made-up-key-id', secretAccessKey: 'made-up-s3-secret' });
    assert.equal(config.s3?.endpoint, 'https://minio.example.test:9000');
    assert.equal(config.s3?.region, 'eu-north-1');
    assert.deepEqual(config.airflow?.credentials, { username: 'mlcycle', password: 'made-up-airflow-password' });
    assert.equal(config.airflow?.apiVersion, 2);
    assert.equal(config.airflow?.unpauseDags, true);
    assert.equal(config.mlflow?.token, 'made-up-mlflow-token');
  });

  it('AWS S3 (no endpoint) with a complete key pair', () => {
    const { resolved } = render({ ...required, s3AccessKeyId: 'made-up-key-id', s3SecretAccessKey: 'made-up-s3-secret' });
    const config = toConfig(envSchema.parse(resolved));
    assert.equal(config.s3?.endpoint, undefined);
    assert.equal(config.s3?.region, 'us-east-1');
    assert.ok(config.s3?.credentials);
  });

  it('a half S3 pair reaches the app as a half pair: no dangling reference, and the app refuses to start naming the missing half', () => {
    const keyOnly = render({ ...required, s3Endpoint: 'https://minio.example.test', s3AccessKeyId: 'made-up-key-id' });
    assert.ok(!('S3_SECRET_ACCESS_KEY' in keyOnly.written));
    assert.ok(!keyOnly.storedSecrets.includes('s3-secret-access-key'));
    assert.deepEqual(rejectedSettings(keyOnly.resolved), ['S3_SECRET_ACCESS_KEY']);

    const secretOnly = render({ ...required, s3Endpoint: 'https://minio.example.test', s3SecretAccessKey: 'made-up-s3-secret' });
    assert.ok(!('S3_ACCESS_KEY_ID' in secretOnly.written));
    assert.deepEqual(rejectedSettings(secretOnly.resolved), ['S3_ACCESS_KEY_ID']);
  });

  it('a half Airflow pair is refused the same way; credentials without a base URL set nothing', () => {
    const userOnly = render({ ...required, airflowBaseUrl: 'https://airflow.example.test', airflowUsername: 'mlcycle' });
    assert.ok(!('AIRFLOW_PASSWORD' in userOnly.written));
    assert.deepEqual(rejectedSettings(userOnly.resolved), ['AIRFLOW_PASSWORD']);

    const noUrl = render({ ...required, airflowUsername: 'mlcycle', airflowPassword: 'made-up-airflow-password' });
    assert.deepEqual(Object.keys(noUrl.written).filter((k) => k.startsWith('AIRFLOW_') && k !== 'AIRFLOW_CALLBACK_SECRET'), []);
    assert.equal(toConfig(envSchema.parse(noUrl.resolved)).airflow, undefined);
  });

  it('an MLflow token without a tracking URI sets nothing; a URI without a token is a valid tokenless server', () => {
    const tokenOnly = render({ ...required, mlflowTrackingToken: 'made-up-mlflow-token' });
    assert.deepEqual(Object.keys(tokenOnly.written).filter((k) => k.startsWith('MLFLOW_')), []);
    const uriOnly = render({ ...required, mlflowTrackingUri: 'https://mlflow.example.test' });
    assert.deepEqual(Object.keys(uriOnly.written).filter((k) => k.startsWith('MLFLOW_')), ['MLFLOW_TRACKING_URI']);
    assert.equal(toConfig(envSchema.parse(uriOnly.resolved)).mlflow?.token, undefined);
  });

  it('AIRFLOW_UNPAUSE_DAGS is written as the lowercase boolean the schema accepts', () => {
    for (const unpause of [true, false]) {
      const { written, resolved } = render({ ...required, airflowBaseUrl: 'https://airflow.example.test', airflowUnpauseDags: unpause });
      assert.equal(written.AIRFLOW_UNPAUSE_DAGS, String(unpause));
      assert.equal(toConfig(envSchema.parse(resolved)).airflow?.unpauseDags, unpause);
    }
  });
});
