import { BrowserDeadlineError, signedInContext, withChromium } from './browser.js';

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
 * One browser per attempt, killed when it does not finish within two minutes; a second attempt follows a browser
 * that stopped answering (said on stderr), since the page's own waits each fail within 30 s.
 */
export async function showRunPage(baseUrl: string, functionKey: string, runId: string): Promise<ShownRunPage> {
  const attempt = () => withChromium(120_000, async (browser, step) => {
    step('signing in');
    const context = await signedInContext(browser, baseUrl, { name: 'E2E Viewer', role: 'viewer', key: functionKey });
    step('opening a page');
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    step('loading the run page');
    await page.goto(`${baseUrl}/api/ui/runs/${encodeURIComponent(runId)}`);
    step('waiting for the run page to be ready');
    await page.waitForSelector('html[data-ready="run"]', { state: 'attached', timeout: 30_000 });
    // @xyflow/react draws each node as `.react-flow__node`; the graph's code loads after the run's data.
    step('waiting for the lineage graph');
    await page.waitForSelector('.react-flow__node', { timeout: 30_000 });
    step('reading the page');
    const graphNodes = await page.locator('.react-flow__node').allInnerTexts();
    const text = await page.locator('body').innerText();
    return { text, graphNodes, errors };
  });
  try {
    return await attempt();
  } catch (e) {
    if (!(e instanceof BrowserDeadlineError)) throw e;
    process.stderr.write(`showRunPage: ${e.message} Trying once more with a new browser.\n`);
    return attempt();
  }
}
