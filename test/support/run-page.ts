import { launchChromium, signedInContext } from './browser.js';

/** What a run's page shows once its data is there. */
export interface ShownRunPage {
  /** The page's visible text. */
  text: string;
  /** The text of each node of the lineage graph. */
  graphNodes: string[];
  /** Errors the page threw or logged. */
  errors: string[];
}

/**
 * Open a run's dashboard page in Chromium, signed in as a viewer through the dev host's sign-in (its function key),
 * and read what it shows: the text, and the lineage graph's nodes once the lazily loaded graph has drawn them.
 * One browser, closed before returning.
 */
export async function showRunPage(baseUrl: string, functionKey: string, runId: string): Promise<ShownRunPage> {
  const browser = await launchChromium();
  try {
    const context = await signedInContext(browser, baseUrl, { name: 'E2E Viewer', role: 'viewer', key: functionKey });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl}/api/ui/runs/${encodeURIComponent(runId)}`);
    await page.waitForSelector('html[data-ready="run"]', { state: 'attached', timeout: 30_000 });
    // @xyflow/react draws each node as `.react-flow__node`; the graph's code loads after the run's data.
    await page.waitForSelector('.react-flow__node', { timeout: 30_000 });
    const graphNodes = await page.locator('.react-flow__node').allInnerTexts();
    const text = await page.locator('body').innerText();
    return { text, graphNodes, errors };
  } finally {
    await browser.close();
  }
}
