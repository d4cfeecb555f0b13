import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The dashboard is built into dist/dashboard, which Skygate serves at / (apps/skygate/src/dashboard-static.ts).
export default defineConfig({
  root: here('.'),
  base: '/',
  resolve: { alias: { '@app/sdk': here('../../libs/sdk/src/index.ts') } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: here('../../dist/dashboard'),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // One stylesheet and no inline modulepreload polyfill: the CSP allows scripts and styles from 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: { proxy: { '^/(?!@|src|node_modules|assets).+': { target: 'http://127.0.0.1:8090', ws: true } } },
});
