import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadFixture } from './bicep-project.js';
import { findBicepFiles, loadBicepFile, syntaxProblems } from './bicep-tree.js';

describe('Bicep syntax (tree-sitter-bicep)', () => {
  it('finds the templates: main.bicep and its modules', () => {
    const files = findBicepFiles('bicep');
    assert.ok(files.includes('bicep/main.bicep'));
    assert.ok(files.filter((f) => f.startsWith('bicep/modules/')).length >= 5, files.join(', '));
  });

  for (const path of findBicepFiles('bicep')) {
    it(`${path} parses with no error or missing node`, () => {
      assert.deepEqual(syntaxProblems(loadBicepFile(path)), []);
    });
  }

  it('every negative fixture except the syntax one parses, so each fails only its own rule', () => {
    const names = readdirSync(new URL('../fixtures/bicep/', import.meta.url)).filter((n) => n.endsWith('.bicep') && n !== 'syntax-error.bicep');
    assert.ok(names.length >= 8);
    for (const name of names) assert.deepEqual(loadFixture(name).files.flatMap(syntaxProblems), [], name);
  });

  it('reports the unclosed object of the syntax-error fixture with its line', () => {
    const problems = loadFixture('syntax-error.bicep').files.flatMap(syntaxProblems);
    assert.ok(problems.length > 0);
    assert.match(problems[0]!, /^test\/fixtures\/bicep\/syntax-error\.bicep:\d+:\d+ /);
  });
});
