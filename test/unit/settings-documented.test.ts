import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { envSchema } from '../../shared/config/schema.js';
import { embeddedDefaults } from '../../devhost/local-settings.js';

/** `local.settings.sample.json` documents every setting the app and the dev host read, so the two cannot drift. */
describe('local.settings.sample.json', () => {
  const sample = JSON.parse(readFileSync(new URL('../../local.settings.sample.json', import.meta.url), 'utf8')) as { Values: Record<string, string>; Docs: Record<string, string> };

  it('documents every key of the config schema and the dev host', () => {
    const keys = new Set<string>(Object.keys(embeddedDefaults));
    for (const option of envSchema.options) for (const k of Object.keys(option.shape)) keys.add(k);
    const missing = [...keys].filter((k) => !(k in sample.Docs));
    assert.deepEqual(missing, []);
  });

  it('holds no secret value', () => {
    for (const k of ['COSMOS_KEY', 'ADO_PAT', 'S3_SECRET_ACCESS_KEY', 'AIRFLOW_PASSWORD', 'REGISTRY_PASSWORD']) assert.ok(!sample.Values[k], `${k} must be empty in the sample`);
  });
});
