import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindings } from './assert-findings.js';
import { loadFixture, loadProject, projectModules } from './bicep-project.js';
import { checkApiVersions, checkDescriptions, checkMetadata, checkModuleReferences, checkUnused } from './policies/conventions.js';

describe('Azure Verified Modules conventions', () => {
  const templates = loadProject('bicep');

  it('registry modules are pinned AVM versions and local modules exist', () => {
    const registry = projectModules(templates).filter((m) => m.reference.startsWith('br/'));
    assert.deepEqual(registry.map((m) => m.reference).sort(), [
      'br/public:avm/res/insights/component:0.8.0',
      'br/public:avm/res/managed-identity/user-assigned-identity:0.6.0',
      'br/public:avm/res/operational-insights/workspace:0.16.1',
    ]);
    assert.deepEqual(checkModuleReferences(templates), []);
  });

  it('every parameter and output is described, parameters as Required./Optional.', () => {
    assert.deepEqual(checkDescriptions(templates), []);
  });

  it('every file carries metadata, uses released API versions and leaves no parameter or variable unused', () => {
    assert.deepEqual(checkMetadata(templates), []);
    assert.deepEqual(checkApiVersions(templates), []);
    assert.deepEqual(checkUnused(templates), []);
  });

  it('fires on an unpinned module, a missing local module, undescribed parameters and outputs, no metadata, a preview API, an unused variable', () => {
    const fixture = loadFixture('conventions.bicep');
    assertFindings(
      [...checkModuleReferences(fixture), ...checkDescriptions(fixture), ...checkMetadata(fixture), ...checkApiVersions(fixture), ...checkUnused(fixture)],
      [
        /module latest: br\/public:avm\/res\/managed-identity\/user-assigned-identity:0\.6 is not a pinned/,
        /module missing: modules\/not-there\.bicep is not a file of the project/,
        /parameter undocumented has no @description/,
        /parameter location: description must start with "Optional\."/,
        /output undescribed has no @description/,
        /no metadata name/,
        /no metadata description/,
        /Microsoft\.Web\/sites@2023-12-01-preview is a preview API version/,
        /variable leftover is never used/,
      ],
    );
  });
});
