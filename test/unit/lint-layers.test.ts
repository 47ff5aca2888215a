import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../..', import.meta.url));
const layers = 'test/fixtures-lint/layers';

/** What one fixture line must trip: the rule id and a fragment of its message. */
type Hit = readonly [line: number, ruleId: string, message: RegExp];

const core = /Domain and ports must not/;
const viaServices = /only through Services/;

/** Each deliberately broken fixture and every problem it must raise, no more and no fewer. */
const broken: Record<string, readonly Hit[]> = {
  [`${layers}/functions/http/imports-dev-tooling.ts`]: [
    [2, 'no-restricted-imports', /devhost\/dev-host\.js.*dev host/],
    [3, 'no-restricted-imports', /devhost\/emulators\/clean-child-process\.js.*dev host/],
    [4, 'no-restricted-imports', /'\.\.\/\.\.\/stack\/net\.js'.*local ML stack/],
    [5, 'no-restricted-imports', /test\/helper\.js.*scripts, tests or benchmarks/],
    [6, 'no-restricted-imports', /'zod'.*shared\/domain\/zod\.js/],
  ],
  [`${layers}/functions/http/imports-adapter.ts`]: [
    [2, 'no-restricted-imports', viaServices],
    [3, 'no-restricted-imports', viaServices],
  ],
  [`${layers}/shared/domain/imports-adapter-and-sdk.ts`]: [
    [2, 'no-restricted-imports', /adapters\/queue-adapter\.js.*must not import adapters/],
    [3, 'no-restricted-imports', /app\/services\.js.*composition root/],
    [4, 'no-restricted-imports', /@azure\/storage-queue.*SDKs or I\/O clients/],
    [5, 'no-restricted-imports', /durable-functions.*SDKs or I\/O clients/],
    [6, 'no-restricted-imports', /node:fs.*Node I\/O built-ins/],
    [7, 'no-restricted-imports', /'dns'.*Node I\/O built-ins/],
  ],
  [`${layers}/shared/ports/imports-sdk.ts`]: [
    [2, 'no-restricted-imports', /@aws-sdk\/client-s3.*SDKs or I\/O clients/],
    [3, 'no-restricted-imports', /azure-devops-node-api.*SDKs or I\/O clients/],
    [4, 'no-restricted-imports', /'http'.*Node I\/O built-ins/],
    [5, 'no-restricted-imports', core],
  ],
  [`${layers}/devhost/emulators/imports-top-level-stack.ts`]: [
    [2, 'no-restricted-imports', /'\.\.\/\.\.\/stack\/net\.js'.*devhost\/ must not import the local ML stack/],
    [3, 'no-restricted-imports', /test\/helper\.js.*devhost\/ must not import scripts, tests/],
    [4, 'no-restricted-imports', /scripts\/tool\.js.*devhost\/ must not import scripts, tests/],
  ],
  'test/fixtures-lint/cycle/cycle-a.ts': [[2, 'import-x/no-cycle', /Dependency cycle/]],
  'test/fixtures-lint/cycle/cycle-b.ts': [[2, 'import-x/no-cycle', /Dependency cycle/]],
};

/** Counterparts that stay inside the rules: they must lint clean. */
const clean = [
  `${layers}/functions/http/clean-handler.ts`,
  `${layers}/shared/domain/clean-fingerprint.ts`,
  `${layers}/shared/ports/clean-port.ts`,
  `${layers}/devhost/emulators/clean-child-process.ts`,
  'test/fixtures-lint/cycle/clean-root.ts',
  'test/fixtures-lint/cycle/clean-leaf.ts',
];

/** Lints the fixtures once (type-aware lint is slow) and returns each file's problems as `line:ruleId:message`. */
async function lintFixtures(): Promise<Map<string, string[]>> {
  // `ignore: false`: the default lint run ignores test/fixtures-lint/ so that `npm run lint` stays green.
  const eslint = new ESLint({ cwd: root, ignore: false });
  const results = await eslint.lintFiles([...Object.keys(broken), ...clean]);
  return new Map(results.map((r) => [r.filePath.slice(root.length).replace(/\\/g, '/'), r.messages.map((m) => `${m.line}:${m.ruleId ?? 'fatal'}:${m.message}`)]));
}

let problems = new Map<string, string[]>();
before(async () => {
  problems = await lintFixtures();
});

test('each layering and cycle rule fires on the fixture that breaks it, once per offending import', () => {
  for (const [file, hits] of Object.entries(broken)) {
    const got = problems.get(file);
    assert.ok(got, `${file} was linted`);
    assert.equal(got.length, hits.length, `${file}: expected ${hits.length} problems; got\n${got.join('\n')}`);
    for (const [line, ruleId, message] of hits) {
      assert.ok(
        got.some((p) => p.startsWith(`${line}:${ruleId}:`) && message.test(p)),
        `${file}: expected ${line}:${ruleId} ~ ${message}; got\n${got.join('\n')}`,
      );
    }
  }
});

test('the clean counterparts pass every rule', () => {
  for (const file of clean) assert.deepEqual(problems.get(file), [], file);
});
