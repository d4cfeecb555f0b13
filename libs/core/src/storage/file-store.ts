import { createHash, randomUUID, type Hash } from 'node:crypto';
import { constants as fsConstants, createReadStream } from 'node:fs';
import { link, mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { Readable, Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DurableFileSink } from './durable-file-sink';
import { FollowingFileHash } from './following-hash';

/** Background fdatasync interval of staged writes (bench/upload.js: 16-32 MiB were best). */
const SYNC_EVERY_BYTES = 32 * 1024 * 1024;

export class FileTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`file is larger than the limit of ${limitBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

export class FileSizeMismatchError extends Error {
  constructor(
    readonly expected: number,
    readonly received: number,
  ) {
    super(`expected ${expected} bytes, received ${received}`);
    this.name = 'FileSizeMismatchError';
  }
}

/** The disk (or the user's quota) is full; nothing of the write was kept. Answers 507. */
export class StorageFullError extends Error {
  constructor(readonly code: string) {
    super(`there is no space left to store the file (${code})`);
    this.name = 'StorageFullError';
  }
}

/** ENOSPC and EDQUOT as a StorageFullError; any other error as it is. */
function asStorageFull(err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' ? new StorageFullError(code) : err;
}

export class StoragePathError extends Error {
  constructor(path: string) {
    super(`"${path}" is not a path inside the file store`);
    this.name = 'StoragePathError';
  }
}

export class FileExistsError extends Error {
  constructor(readonly relativePath: string) {
    super(`"${relativePath}" already exists`);
    this.name = 'FileExistsError';
  }
}

export interface StoredFile {
  relativePath: string;
  absolutePath: string;
  size: number;
  sha256: string;
}

/** A completely written, flushed file under a temporary name, not visible until committed. */
export interface StagedFile {
  readonly size: number;
  readonly sha256: string;
  /** Moves the file into place atomically. Without `overwrite`, an existing file is an error. */
  commit(relativePath: string, options?: { overwrite?: boolean }): Promise<StoredFile>;
  /** Deletes the temporary file; safe to call after commit or twice. */
  discard(): Promise<void>;
}

export interface StageOptions {
  /** Bytes; defaults to UPLOAD_MAX_BYTES. Reading stops as soon as it is exceeded. */
  maxBytes?: number;
  /** When the sender announced a size, a different byte count is an error. */
  expectedSize?: number;
}

/** Counts (and, unless told not to, hashes) bytes as they pass and stops the stream when the limit is crossed. */
class MeteringTransform extends Transform {
  bytes = 0;
  private readonly hash: Hash | undefined;
  constructor(
    private readonly limit: number,
    { hash = true } = {},
  ) {
    super();
    this.hash = hash ? createHash('sha256') : undefined;
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return done(new FileTooLargeError(this.limit));
    this.hash?.update(chunk);
    done(null, chunk);
  }
  digest(): string {
    return this.hash!.digest('hex');
  }
}

/**
 * Files under DATA_DIR/files. Every write streams to DATA_DIR/tmp under a random name while
 * being counted and hashed, is fsynced, then renamed into place, so a crash or a dropped
 * connection never leaves a partial file visible; leftovers are removed at start-up.
 * Memory use does not depend on file size (stream backpressure end to end).
 */
@Injectable()
export class FileStore implements OnModuleInit {
  private readonly logger = new Logger(FileStore.name);
  readonly root: string;
  readonly tmpDir: string;

  constructor(private readonly config: AppConfig) {
    this.root = join(config.dataDir, 'files');
    this.tmpDir = join(config.dataDir, 'tmp');
  }

  async onModuleInit(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    const removed = await this.cleanLeftovers();
    if (removed > 0) this.logger.warn(`removed ${removed} partial upload(s) left by an earlier run`);
  }

  /** Deletes temporary files of interrupted writes. Returns how many were removed. */
  async cleanLeftovers(): Promise<number> {
    await mkdir(this.tmpDir, { recursive: true });
    const names = await readdir(this.tmpDir);
    await Promise.all(names.map((name) => rm(join(this.tmpDir, name), { force: true, recursive: true })));
    return names.length;
  }

  /** Absolute path of a store-relative path; refuses absolute paths and anything escaping the root. */
  resolve(relativePath: string): string {
    if (!relativePath || isAbsolute(relativePath) || relativePath.includes('\0')) throw new StoragePathError(relativePath);
    const absolute = resolve(this.root, normalize(relativePath));
    const rel = relative(this.root, absolute);
    if (!rel || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) throw new StoragePathError(relativePath);
    return absolute;
  }

  async stage(source: Readable, options: StageOptions = {}): Promise<StagedFile> {
    await mkdir(this.tmpDir, { recursive: true });
    const tmpPath = join(this.tmpDir, `${randomUUID()}.part`);
    const meter = new MeteringTransform(options.maxBytes ?? this.config.uploadMaxBytes, { hash: false });
    // SHA-256 on a worker thread, of what the sink has written: the request's thread only counts.
    const hash = new FollowingFileHash(tmpPath);
    // Never reuses a name; fsynced before 'finish', so the rename below publishes durable bytes.
    const sink = new DurableFileSink(tmpPath, { mode: 0o640, syncEveryBytes: SYNC_EVERY_BYTES, onWritten: (n) => hash.advance(n) });
    let sha256: string;
    try {
      await pipeline(source, meter, sink);
      if (options.expectedSize !== undefined && options.expectedSize !== meter.bytes) {
        throw new FileSizeMismatchError(options.expectedSize, meter.bytes);
      }
      sha256 = await hash.finish(meter.bytes);
    } catch (err) {
      hash.abort();
      source.destroy();
      // The file may still be opening; remove it only once the stream has let go of it.
      if (!sink.closed) await new Promise<void>((resolveClose) => sink.once('close', () => resolveClose()));
      await rm(tmpPath, { force: true });
      throw asStorageFull(err);
    }
    return this.staged(tmpPath, meter.bytes, sha256);
  }

  /** stage() then commit(): the common case when no database row has to appear with the file. */
  async save(source: Readable, relativePath: string, options: StageOptions & { overwrite?: boolean } = {}): Promise<StoredFile> {
    const staged = await this.stage(source, options);
    try {
      return await staged.commit(relativePath, { overwrite: options.overwrite });
    } finally {
      await staged.discard();
    }
  }

  /**
   * Gives a stored file a second name without copying its bytes (a hard link), for one module
   * filing another's file (the archive listing an equipment capture). Removing either name leaves
   * the other intact. The size and SHA-256 are read from the file.
   */
  async link(existingPath: string, newPath: string): Promise<StoredFile> {
    const source = this.resolve(existingPath);
    const absolutePath = this.resolve(newPath);
    const meter = new MeteringTransform(Number.MAX_SAFE_INTEGER);
    await pipeline(createReadStream(source), meter, new Writable({ write: (_chunk, _enc, done) => done() }));
    await mkdir(dirname(absolutePath), { recursive: true });
    try {
      await link(source, absolutePath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(newPath);
      throw err;
    }
    await fsyncDirectory(dirname(absolutePath));
    return { relativePath: newPath, absolutePath, size: meter.bytes, sha256: meter.digest() };
  }

  async remove(relativePath: string): Promise<boolean> {
    try {
      await unlink(this.resolve(relativePath));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  /**
   * Removes the files of deleted entries, after their rows are gone: a failure is logged, not
   * thrown (the entry is deleted either way; a leftover file only costs space).
   */
  async removeAll(relativePaths: string[]): Promise<void> {
    for (const path of relativePaths) {
      await this.remove(path).catch((err: unknown) => this.logger.warn(`could not remove ${path}: ${String(err)}`));
    }
  }

  /** Store-relative paths of the regular files under `folder` last written before `writtenBefore`. */
  async filesUnder(folder: string, writtenBefore: Date): Promise<string[]> {
    const base = this.resolve(folder);
    const entries = await readdir(base, { recursive: true, withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [];
      throw err;
    });
    const found: string[] = [];
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const absolute = join(entry.parentPath, entry.name);
      const info = await stat(absolute).catch(() => null);
      if (info && info.mtimeMs < writtenBefore.getTime()) found.push(relative(this.root, absolute).split(sep).join('/'));
    }
    return found;
  }

  async exists(relativePath: string): Promise<boolean> {
    return stat(this.resolve(relativePath)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  private staged(tmpPath: string, size: number, sha256: string): StagedFile {
    let pending = true;
    return {
      size,
      sha256,
      commit: async (relativePath, { overwrite = false } = {}) => {
        if (!pending) throw new Error('staged file was already committed or discarded');
        const absolutePath = this.resolve(relativePath);
        await mkdir(dirname(absolutePath), { recursive: true }).catch((err: unknown) => {
          throw asStorageFull(err);
        });
        if (overwrite) {
          await rename(tmpPath, absolutePath);
        } else {
          // link() refuses to replace an existing file, which rename() would do silently.
          try {
            await link(tmpPath, absolutePath);
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(relativePath);
            throw asStorageFull(err);
          }
          await unlink(tmpPath);
        }
        pending = false;
        await fsyncDirectory(dirname(absolutePath));
        return { relativePath, absolutePath, size, sha256 };
      },
      discard: async () => {
        if (!pending) return;
        pending = false;
        await rm(tmpPath, { force: true });
      },
    };
  }
}

/** Makes a rename durable across power loss (the directory entry itself is flushed). */
async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, fsConstants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
