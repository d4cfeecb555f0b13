import { realpath } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { BadRequestException, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';

/**
 * The folders whose files the uploader may send (SYNC_UPLOAD_ROOTS, default DATA_DIR/files):
 * the queue route takes server paths from callers, so without this anyone with sync:update could
 * have /etc/shadow sent to a remote of their choosing. Real paths are compared, so neither `..`
 * nor a symlink leads out.
 */
@Injectable()
export class UploadRoots {
  readonly configured: string[];

  constructor(config: AppConfig) {
    this.configured = config.sync.uploadRoots ?? [join(config.dataDir, 'files')];
  }

  /** The real path of a file inside a root; 400 naming the path otherwise. */
  async resolveFile(path: string): Promise<string> {
    const outside = new BadRequestException(`${path} is outside the folders the uploader may read (SYNC_UPLOAD_ROOTS: ${this.configured.join(', ')})`);
    const real = await realpath(path).catch(() => undefined);
    if (!real) {
      // Same answer as for an existing file out there, so the route does not reveal which files exist.
      if (!within(resolve(path), this.configured.map((root) => resolve(root)))) throw outside;
      throw new BadRequestException(`not a readable file on this server: ${path}`);
    }
    const roots = await Promise.all(this.configured.map((root) => realpath(root).catch(() => undefined)));
    if (!within(real, roots)) throw outside;
    return real;
  }
}

function within(path: string, roots: (string | undefined)[]): boolean {
  return roots.some((root) => root !== undefined && (path === root || path.startsWith(root.endsWith(sep) ? root : root + sep)));
}
