import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { evaluate, evaluateProperty, loadProject, resourcesOfType } from './bicep-project.js';
import { loadBicepFile, objectEntries, parameterDeclarations, propertyAt, readRepoFile } from './bicep-tree.js';

/*
 * The files around the templates: azd's azure.yaml, the parameter files, and the Azure Pipelines definition. They
 * name templates, parameters and tasks by string, so these tests keep the names in step.
 */

const main = parameterDeclarations(loadBicepFile('bicep/main.bicep'));
const declared = new Set(main.map((p) => p.name));
const requiredNonSecret = main.filter((p) => !p.defaultValue && !p.secure).map((p) => p.name);

interface ParameterFile {
  parameters: Record<string, { value?: unknown }>;
}

function parameterFile(path: string): ParameterFile {
  return JSON.parse(readRepoFile(path)) as ParameterFile;
}

describe('bicep/README.md', () => {
  it('documents every parameter of main.bicep', () => {
    const readme = readRepoFile('bicep/README.md');
    assert.deepEqual([...declared].filter((name) => !readme.includes(`| \`${name}\` |`)), []);
  });
});

describe('azure.yaml (azd)', () => {
  const azd = parse(readRepoFile('azure.yaml')) as {
    name: string;
    infra: { provider: string; path: string; module: string };
    services: Record<string, { project: string; language: string; host: string }>;
  };

  it('provisions bicep/main.bicep with bicep/main.parameters.json', () => {
    assert.equal(azd.infra.provider, 'bicep');
    assert.ok(existsSync(new URL(`../../${azd.infra.path}/${azd.infra.module}.bicep`, import.meta.url)));
    assert.ok(existsSync(new URL(`../../${azd.infra.path}/${azd.infra.module}.parameters.json`, import.meta.url)));
  });

  it('deploys one TypeScript function service to the site tagged with its name', () => {
    const [[name, service] = []] = Object.entries(azd.services);
    assert.ok(name && service);
    assert.deepEqual({ project: service.project, language: service.language, host: service.host }, { project: '.', language: 'ts', host: 'function' });
    const templates = loadProject('bicep');
    const [site] = resourcesOfType(templates, 'Microsoft.Web/sites');
    assert.ok(site);
    const tags = propertyAt(site.body, 'tags');
    assert.ok(tags);
    const tagged = [tags, ...tags.descendantsOfType('object')]
      .filter((n) => n.type === 'object')
      .flatMap(objectEntries)
      .some(([key, value]) => key === 'azd-service-name' && evaluate(templates, site.file, value) === name);
    assert.ok(tagged, `site is tagged azd-service-name: ${name}`);
    assert.deepEqual(evaluateProperty(templates, site, 'kind'), ['functionapp,linux']);
  });
});

describe('parameter files', () => {
  const files = ['bicep/main.parameters.json', 'bicep/params/dev.parameters.json', 'bicep/params/prod.parameters.json'];

  for (const path of files) {
    it(`${path} sets only declared parameters and every required one`, () => {
      const { parameters } = parameterFile(path);
      assert.deepEqual(Object.keys(parameters).filter((k) => !declared.has(k)), []);
      assert.deepEqual(requiredNonSecret.filter((k) => !(k in parameters)), []);
    });
  }

  it('azd gets every value from its environment; the required secrets are prompted for when unset', () => {
    const { parameters } = parameterFile('bicep/main.parameters.json');
    assert.equal(parameters.environmentName?.value, '${AZURE_ENV_NAME}');
    assert.equal(parameters.location?.value, '${AZURE_LOCATION}');
    for (const p of main.filter((d) => d.secure && !d.defaultValue)) assert.match(String(parameters[p.name]?.value), /^\$\{[A-Z_]+\}$/, p.name);
    // Optional secrets default to empty (nothing stored, no reference set) instead of being prompted for.
    for (const p of main.filter((d) => d.secure && d.defaultValue)) assert.match(String(parameters[p.name]?.value), /^\$\{[A-Z0-9_]+=\}$/, p.name);
  });

  it('the external systems stay unconfigured unless filled in: no URL, user, project or pipeline is preset', () => {
    const optional = ['s3Endpoint', 's3AccessKeyId', 'airflowBaseUrl', 'airflowUsername', 'mlflowTrackingUri', 'adoBuildOrganization', 'adoBuildProject'];
    for (const path of files) {
      const { parameters } = parameterFile(path);
      for (const name of optional) {
        assert.ok(name in parameters, `${path} lists ${name}`);
        assert.match(String(parameters[name]?.value), /^(|\$\{[A-Z0-9_]+=\})$/, `${path} ${name}`);
      }
      // 0 is "no default image pipeline": pipelines then name their own.
      assert.match(String(parameters.adoImagePipelineId?.value), /^(0|\$\{ADO_IMAGE_PIPELINE_ID=0\})$/, `${path} adoImagePipelineId`);
    }
    // azd reads the registry from its environment; the pipeline passes it from the variable group.
    assert.equal(parameterFile('bicep/main.parameters.json').parameters.acrResourceId?.value, '${ACR_RESOURCE_ID=}');
  });

  it('dev and prod differ where they should', () => {
    const dev = parameterFile('bicep/params/dev.parameters.json').parameters;
    const prod = parameterFile('bicep/params/prod.parameters.json').parameters;
    assert.equal(dev.environmentType?.value, 'dev');
    assert.equal(prod.environmentType?.value, 'prod');
    assert.notEqual(dev.environmentName?.value, prod.environmentName?.value);
  });
});

describe('azure-pipelines.yml', () => {
  const text = readRepoFile('azure-pipelines.yml');
  const pipeline = parse(text) as {
    parameters: Array<{ name: string; default: Array<{ name: string; serviceConnectionVariable: string }> }>;
    variables: Record<string, string>;
    stages: unknown[];
  };
  const build = JSON.stringify(pipeline.stages[0]);
  const deploy = JSON.stringify(pipeline.stages[1]);

  it('installs with Node 22, lints, tests through .ci/run, builds and packages', () => {
    assert.equal(pipeline.variables.nodeVersion, '22.x');
    const order = ['NodeTool@0', 'npm ci', 'npm run lint', 'bash .ci/run', 'npm run build', 'az bicep build', 'ArchiveFiles@2', '"artifact":"app"'];
    const positions = order.map((s) => build.indexOf(s));
    assert.ok(positions.every((p) => p >= 0), `missing: ${order.filter((_, i) => positions[i]! < 0).join(', ')}`);
    assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'steps run in this order');
  });

  it('deploys each environment: infrastructure with its parameter file, then the package to Flex Consumption', () => {
    const envs = pipeline.parameters.find((p) => p.name === 'environments')?.default ?? [];
    assert.deepEqual(envs.map((e) => e.name), ['dev', 'prod']);
    for (const env of envs) {
      assert.ok(existsSync(new URL(`../../bicep/params/${env.name}.parameters.json`, import.meta.url)), env.name);
      assert.ok(pipeline.variables[env.serviceConnectionVariable], `service connection variable ${env.serviceConnectionVariable}`);
    }
    assert.ok(deploy.includes('bicep/params/${{ env.name }}.parameters.json'));
    assert.ok(deploy.includes('--template-file bicep/main.bicep'));
    assert.ok(deploy.indexOf('AzureCLI@2') < deploy.indexOf('AzureFunctionApp@2'));
    assert.match(deploy, /"isFlexConsumption":true/);
    assert.match(deploy, /"appType":"functionAppLinux"/);
  });

  it('passes every required secure parameter from a secret variable, never on the command line', () => {
    for (const p of main.filter((d) => d.secure && !d.defaultValue)) assert.ok(text.includes(`${p.name}: { value: env.`), p.name);
    // Optional secrets, when the pipeline passes them at all, come the same way.
    for (const p of main.filter((d) => d.secure && d.defaultValue)) {
      if (text.includes(`${p.name}:`)) assert.match(text, new RegExp(`${p.name}: \\{ value: (optional\\()?env\\.`), p.name);
    }
    assert.doesNotMatch(text, /--parameters \w+=\$/);
  });
});
