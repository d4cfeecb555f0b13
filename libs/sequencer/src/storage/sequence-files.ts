import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';

/** N.I.N.A.'s default sequence folder: DATA_DIR/sequences, subfolders included. */
@Injectable()
export class SequenceFiles {
  constructor(private readonly config: AppConfig) {}

  get folder(): string {
    return join(this.config.dataDir, 'sequences');
  }

  /** Names as ninaAPI lists them: the path below the folder, "/" separated, without ".json". */
  async list(): Promise<string[]> {
    const files = await readdir(this.folder, { recursive: true, withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [];
      throw err;
    });
    return files
      .filter((f) => f.isFile() && f.name.endsWith('.json'))
      .map((f) => relative(this.folder, join(f.parentPath, f.name)).split(sep).join('/').replace(/\.json$/, ''))
      .sort();
  }

  /** The file's text, or null when there is no such sequence (names never leave the folder). */
  async read(name: string): Promise<string | null> {
    const path = resolve(this.folder, `${name}.json`);
    if (!path.startsWith(resolve(this.folder) + sep)) return null;
    return readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'EISDIR') return null;
      throw err;
    });
  }
}
