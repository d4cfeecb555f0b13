import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { onFirstUse } from '@app/core';

/** Where `npm run build` puts the dashboard (vite, apps/dashboard): dist/dashboard beside dist/apps. */
export const DASHBOARD_DIR = resolve(__dirname, '../../../dashboard');

export const dashboardBuilt = (dir = DASHBOARD_DIR): boolean => existsSync(join(dir, 'index.html'));

/**
 * Serves the built dashboard at `/` (index.html, never cached, so a new build shows at once) and
 * its hashed files at `/assets/*` (cached for a year, immutable), compressed (brotli or gzip).
 * Only these two paths, so no API route is shadowed; every API route keeps its own guard. The
 * page itself holds no data: it signs in and reads everything through the API.
 * Returns false (and serves nothing) when the dashboard was not built.
 */
export function serveDashboard(app: NestExpressApplication, dir = DASHBOARD_DIR): boolean {
  if (!dashboardBuilt(dir)) return false;
  const index = join(dir, 'index.html');
  // compression (14 files beyond Express's, ~8 ms) loads with the first dashboard request, not at every start.
  const compressor = onFirstUse(() => (require('compression') as typeof import('compression'))({ threshold: 1024 }));
  const compress = (req: Request, res: Response, next: () => void) => compressor()(req, res, next);
  app.use('/assets', compress);
  app.useStaticAssets(join(dir, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '1y', index: false, fallthrough: true });
  app.use((req: Request, res: Response, next: () => void) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || (req.path !== '/' && req.path !== '/index.html')) return next();
    compress(req, res, () => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  });
  return true;
}
