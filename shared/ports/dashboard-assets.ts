/** One file of the built dashboard. */
export interface DashboardAsset {
  body: Buffer;
  contentType: string;
}

/** The dashboard's built files (`npm run build` writes them), read by the route that serves them. */
export interface DashboardAssets {
  /** The file at `path` (relative, `/`-separated, already validated), or undefined when there is none. */
  get(path: string): Promise<DashboardAsset | undefined>;
  /** Whether a build is present at all (a checkout that was never built has none). */
  available(): Promise<boolean>;
}
