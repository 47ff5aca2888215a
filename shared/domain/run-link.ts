/** The web link to a run in the API (`GET /api/runs/{id}`), when the app's public base URL is known. */
export function runLink(publicBaseUrl: string | undefined, runId: string): string | undefined {
  return publicBaseUrl ? `${publicBaseUrl}/api/runs/${encodeURIComponent(runId)}` : undefined;
}
