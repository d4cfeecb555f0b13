import { realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
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
    const real = await realpath(path).catch(() => undefined);
    if (!real) throw new BadRequestException(`not a readable file on this server: ${path}`);
    const roots = await Promise.all(this.configured.map((root) => realpath(root).catch(() => undefined)));
    if (!roots.some((root) => root && (real === root || real.startsWith(root.endsWith(sep) ? root : root + sep)))) {
      throw new BadRequestException(`${path} is outside the folders the uploader may read (SYNC_UPLOAD_ROOTS: ${this.configured.join(', ')})`);
    }
    return real;
  }
}
