import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DashboardAsset, DashboardAssets } from '../../ports/dashboard-assets.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The built dashboard in `<package root>/dist/web`, the same place whether the app runs compiled (`dist/`) or from
 * source (tests): the package root is the nearest folder above this module holding `package.json`. Files are read
 * once and kept: they only change with a new deployment.
 */
export function fileDashboardAssets(dir = join(packageRoot(), 'dist', 'web')): DashboardAssets {
  const root = resolve(dir);
  const cache = new Map<string, DashboardAsset | undefined>();
  // A build does not go away while the app runs: once found, it is not looked for again on every request.
  let built = false;
  return {
    async get(path) {
      if (cache.has(path)) return cache.get(path);
      const file = resolve(root, path);
      // The route validates paths; this keeps any file outside the build unreachable even so.
      if (!file.startsWith(root + sep)) return undefined;
      const type = contentTypes[extname(file)];
      const asset = type === undefined ? undefined : await readFile(file).then((body) => ({ body, contentType: type }), () => undefined);
      if (cache.size < 500) cache.set(path, asset);
      return asset;
    },
    async available() {
      built ||= existsSync(join(root, 'index.html'));
      return built;
    },
  };
}

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}
