import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Run } from '../../shared/domain/run.js';
import { publicWebUrl, runExternalLinks } from '../../shared/domain/run-external-links.js';
import { pipelineSpec } from '../fakes/seed.js';

/* The links a run page follows to Azure DevOps, Airflow and MLflow: built only from checked parts, never with a secret. */

const sha = 'a'.repeat(40);
const adoSource = { kind: 'azureRepos' as const, organization: 'contoso', project: 'Fraud Models', repository: 'churn', branch: 'main' };

function run(lineage: Run['lineage'], source?: Run['pipelineSnapshot']): Pick<Run, 'lineage' | 'pipelineSnapshot'> {
  return { lineage, ...(source ? { pipelineSnapshot: source } : {}) };
}

const full: Run['lineage'] = {
  commitSha: sha,
  image: { registry: 'acr.example.io', repository: 'churn', tag: 't', built: true, buildUrl: 'https://dev.azure.com/contoso/p/_build/results?buildId=7' },
  airflow: { dagId: 'train', dagRunId: 'mlcycle__r1', url: 'http://airflow.example:8080/dags/train/runs/mlcycle__r1' },
  mlflow: { experimentId: '12', runId: 'abc123', metrics: {}, params: {} },
  model: { name: 'churn model/v#1', version: '4', aliasesMoved: ['champion'] },
};

describe('runExternalLinks', () => {
  it('links each lineage node to its system', () => {
    const snapshot = { id: 'churn', ...pipelineSpec({ source: adoSource }), createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
    const links = runExternalLinks(run(full, snapshot), { mlflow: 'http://mlflow.example:5000/', azureDevOps: 'https://dev.azure.com' });
    assert.deepEqual(links, {
      commit: `https://dev.azure.com/contoso/Fraud%20Models/_git/churn/commit/${sha}`,
      imageBuild: 'https://dev.azure.com/contoso/p/_build/results?buildId=7',
      airflow: 'http://airflow.example:8080/dags/train/runs/mlcycle__r1',
      mlflowRun: 'http://mlflow.example:5000/#/experiments/12/runs/abc123',
      modelVersion: 'http://mlflow.example:5000/#/models/churn%20model%2Fv%231/versions/4',
    });
  });

  it('gives no commit link for a local git source, and no MLflow link without a tracking server', () => {
    const links = runExternalLinks(run({ commitSha: sha, mlflow: full.mlflow }), {});
    assert.deepEqual(links, {});
  });

  it('never carries a credential from a setting, nor a link that is not http(s)', () => {
    const links = runExternalLinks(
      run({ ...full, airflow: { dagId: 'd', dagRunId: 'r', url: 'javascript:alert(1)' }, image: { registry: 'r', repository: 'x', tag: 't', built: true, buildUrl: 'https://u:s3cret@ci.example/b?buildId=3' } }),
      { mlflow: 'https://user:s3cret@mlflow.example/?token=s3cret' },
    );
    assert.equal(links.airflow, undefined);
    assert.equal(links.imageBuild, 'https://ci.example/b?buildId=3');
    assert.equal(links.mlflowRun, 'https://mlflow.example/#/experiments/12/runs/abc123');
    assert.doesNotMatch(JSON.stringify(links), /s3cret|user/);
  });

  it('keeps only http(s) web URLs', () => {
    assert.equal(publicWebUrl('data:text/html,x'), undefined);
    assert.equal(publicWebUrl('not a url'), undefined);
    assert.equal(publicWebUrl('http://h/p?q=1#frag'), 'http://h/p?q=1#frag');
  });
});
