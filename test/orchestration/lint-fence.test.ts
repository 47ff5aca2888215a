import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('the orchestrator determinism fence fires on every kind of violation', async () => {
  // `ignore: false`: the default lint run ignores test/fixtures-lint/ so that `npm run lint` stays green.
  const eslint = new ESLint({ cwd: root, ignore: false });
  const [result] = await eslint.lintFiles(['test/fixtures-lint/orchestrators/bad-orchestrator.ts']);
  assert.ok(result);
  const hits = result.messages.map((m) => `${m.line}:${m.ruleId ?? 'fatal'}:${m.message}`);
  const expect = (ruleId: string, pattern: RegExp) =>
    assert.ok(result.messages.some((m) => m.ruleId === ruleId && pattern.test(m.message)), `expected ${ruleId} ~ ${pattern}; got\n${hits.join('\n')}`);
  expect('no-restricted-imports', /@azure\/storage-queue.*I\/O clients/);
  expect('no-restricted-imports', /'crypto'/);
  expect('no-restricted-imports', /node:fs.*Node built-ins/);
  expect('no-restricted-properties', /Date\.now/);
  expect('no-restricted-globals', /Unexpected use of 'Date'.*currentUtcDateTime/);
  expect('no-restricted-properties', /Math\.random/);
  expect('no-restricted-properties', /process\.env/);
  expect('no-restricted-globals', /'setTimeout'/);
  expect('no-restricted-globals', /'fetch'/);
  expect('no-restricted-syntax', /no async code/);
  assert.ok(!result.messages.some((m) => m.fatal), 'the fixture parses');
});

test('the fence bans every Node built-in, bare or with the node: prefix', async () => {
  const eslint = new ESLint({ cwd: root, ignore: false });
  const [bad, clean] = await eslint.lintFiles(['test/fixtures-lint/orchestrators/bad-builtins-orchestrator.ts', 'test/fixtures-lint/orchestrators/clean-orchestrator.ts']);
  assert.ok(bad && clean);
  const hits = bad.messages.map((m) => `${m.line}:${m.ruleId ?? 'fatal'}:${m.message}`);
  for (const name of ['events', 'util', 'dns', 'node:crypto']) {
    assert.ok(
      bad.messages.some((m) => m.ruleId === 'no-restricted-imports' && m.message.includes(`'${name}'`) && /Node built-ins/.test(m.message)),
      `expected '${name}' to be banned; got\n${hits.join('\n')}`,
    );
  }
  assert.equal(bad.messages.length, 4, hits.join('\n'));
  assert.deepEqual(clean.messages, [], 'an orchestrator that only yields Durable tasks passes');
});

test('the real orchestrators pass the fence', async () => {
  const eslint = new ESLint({ cwd: root });
  const results = await eslint.lintFiles(['functions/orchestrators/**/*.ts']);
  assert.ok(results.length >= 4);
  const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId ?? ''} ${m.message}`));
  assert.deepEqual(problems, []);
});
