import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/*
 * The dashboard is served by the app itself under /api/ui/ (functions/http/dashboard.ts) from dist/web. Every file
 * but index.html carries a content hash in its name, so the route can cache them for a year.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/api/ui/',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // Inlined assets would be data: URLs in scripts and styles; files keep the CSP simple.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      onLog(level, log, handler) {
        // React Server Components markers ("use client") mean nothing in a client-only bundle.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  logLevel: 'warn',
});
