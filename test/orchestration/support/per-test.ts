import { after } from 'node:test';
import { RunHarness } from './harness.js';

const open: RunHarness[] = [];
after(async () => {
  for (const h of open) await h.close();
});

/** A fresh harness, closed when the test file ends. */
export async function harness(opts: Parameters<typeof RunHarness.create>[0] = {}): Promise<RunHarness> {
  const h = await RunHarness.create(opts);
  open.push(h);
  return h;
}
