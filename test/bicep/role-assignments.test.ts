import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindings } from './assert-findings.js';
import { loadFixture, loadProject, projectModules } from './bicep-project.js';
import { propertyAt } from './bicep-tree.js';
import { checkGrants, checkRoleAssignmentNames, checkRoleIdComments, roleGrants } from './policies/roles.js';
import { knownRoleIds } from './role-ids.js';

describe('role assignments', () => {
  const templates = loadProject('bicep');

  it('every role assignment of the templates is named by guid(scope, principal, role)', () => {
    assert.ok(roleGrants(templates).length >= 8);
    assert.deepEqual(checkRoleAssignmentNames(templates), []);
  });

  it('every role id is a known built-in role and carries a comment naming it', () => {
    assert.deepEqual(checkRoleIdComments(templates), []);
  });

  it('the app identity reads Key Vault secrets, publishes metrics and has the Cosmos DB data role', () => {
    assert.deepEqual(checkGrants(templates, 'Microsoft.KeyVault/vaults', ['Key Vault Secrets User']), []);
    assert.deepEqual(checkGrants(templates, 'br/public:avm/res/insights/component', ['Monitoring Metrics Publisher']), []);
    assert.deepEqual(checkGrants(templates, 'Microsoft.DocumentDB/databaseAccounts', ['Cosmos DB Built-in Data Contributor']), []);
  });

  it('an existing registry gets AcrPull (app) and AcrPull + AcrPush (build identity)', () => {
    assert.deepEqual(checkGrants(templates, 'Microsoft.ContainerRegistry/registries', ['AcrPull', 'AcrPush']), []);
  });

  it('on the registry the app identity may only pull and the build identity pull and push, each grant named by guid(registry, principal, role)', () => {
    const onRegistry = roleGrants(templates).filter((g) => g.scopeType === 'Microsoft.ContainerRegistry/registries');
    const byPrincipal = new Map<string, string[]>();
    for (const g of onRegistry) {
      byPrincipal.set(g.principal ?? '?', [...(byPrincipal.get(g.principal ?? '?') ?? []), g.roleId ? knownRoleIds[g.roleId] ?? g.roleId : '?'].sort());
      assert.match(g.name ?? '', new RegExp(`^guid\\(registry\\.id, ${g.principal}, \\w*[Rr]oleId\\)$`));
    }
    assert.deepEqual(Object.fromEntries(byPrincipal), { appPrincipalId: ['AcrPull'], buildPrincipalId: ['AcrPull', 'AcrPush'] });

    // The environment grants them only for a registry it was given, to the app's own identity.
    const [mod] = projectModules(templates).filter((m) => m.file.path === 'bicep/modules/environment.bicep' && m.reference === 'acr-roles.bicep');
    assert.ok(mod);
    assert.match(mod.node.text, /= if \(!empty\(acrResourceId\)\)/);
    assert.equal(propertyAt(mod.body, 'params.appPrincipalId')?.text, 'identity.outputs.principalId');
    assert.equal(propertyAt(mod.body, 'params.buildPrincipalId')?.text, 'buildPrincipalId');
  });

  it('fires on a literal name, a guid() of the scope alone, a literal Cosmos name and an AVM entry without a name', () => {
    assertFindings(checkRoleAssignmentNames(loadFixture('literal-role-name.bicep')), [
      /role assignment literalName: name must be guid\(scope, principal, role\), got 'my-role-assignment'/,
      /role assignment weakGuid: name must be guid\(scope, principal, role\), got guid\(vault\.id\)/,
      /role assignment dataRole: name must be guid/,
      /module appInsights: roleAssignments entry needs name: guid\(scope, principal, role\), got nothing/,
    ]);
  });

  it('fires on an unknown role id, a comment naming another role, and no comment', () => {
    assertFindings(checkRoleIdComments(loadFixture('wrong-role-id.bicep')), [
      /7f951dff-4ed3-4d84-8d3f-1c6d4e3b6a3d is not a known built-in role id/,
      /974c5e8b-45b9-4653-ba55-5f855dd0fb88 must carry the comment \/\/ Storage Queue Data Contributor, got \/\/ Storage Blob Data Owner/,
      /0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3 must carry the comment \/\/ Storage Table Data Contributor, got none/,
    ]);
  });
});
