import assert from 'node:assert/strict';

/** Exactly one finding per expected pattern, in any order: a check must fire on each planted fault and on nothing else. */
export function assertFindings(findings: string[], expected: RegExp[]): void {
  const unmatched = findings.filter((f) => !expected.some((re) => re.test(f)));
  const missing = expected.filter((re) => !findings.some((f) => re.test(f)));
  assert.deepEqual({ missing: missing.map(String), unexpected: unmatched }, { missing: [], unexpected: [] });
  assert.equal(findings.length, expected.length, findings.join('\n'));
}
