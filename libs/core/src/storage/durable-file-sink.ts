import { open, type FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';

export interface DurableFileSinkOptions {
  mode: number;
  /** Start a background fdatasync after this many bytes since the last one. */
  syncEveryBytes: number;
  /** Told the running total after each write has completed (in order), e.g. to hash what is written. */
  onWritten?: (totalBytes: number) => void;
}

/**
 * Writes a new file ('wx': never an existing one) and fsyncs it before 'finish'. Chunks queued
 * while a write is in flight go out as one writev, and every `syncEveryBytes` an fdatasync starts
 * in the background, so the disk writes back while the body is still arriving: a single fsync at
 * the end would wait for the whole file (measured in bench/README.md, "sync upload").
 */
export class DurableFileSink extends Writable {
  private handle: FileHandle | undefined;
  private unsynced = 0;
  private written = 0;
  private syncing: Promise<void> | undefined;
  private syncError: Error | undefined;

  constructor(
    private readonly path: string,
    private readonly options: DurableFileSinkOptions,
  ) {
    super({ highWaterMark: 1024 * 1024 });
  }

  override _construct(callback: (error?: Error | null) => void): void {
    open(this.path, 'wx', this.options.mode).then((handle) => {
      this.handle = handle;
      callback();
    }, callback);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.writeAll([chunk]).then(() => callback(), callback);
  }

  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this.writeAll(chunks.map((c) => c.chunk)).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    (async () => {
      await this.syncing;
      if (this.syncError) throw this.syncError;
      await this.handle!.sync();
    })().then(() => callback(), callback);
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    const handle = this.handle;
    this.handle = undefined;
    Promise.resolve(this.syncing)
      .then(() => handle?.close())
      .then(
        () => callback(err),
        (closeErr: Error) => callback(err ?? closeErr),
      );
  }

  private async writeAll(buffers: Buffer[]): Promise<void> {
    if (this.syncError) throw this.syncError;
    let pending = buffers;
    while (pending.length > 0) {
      const { bytesWritten } = await this.handle!.writev(pending);
      this.unsynced += bytesWritten;
      this.written += bytesWritten;
      pending = dropWritten(pending, bytesWritten);
    }
    this.options.onWritten?.(this.written);
    if (this.unsynced >= this.options.syncEveryBytes && !this.syncing) {
      this.unsynced = 0;
      this.syncing = this.handle!.datasync().then(
        () => (this.syncing = undefined),
        (err: Error) => {
          this.syncError = err;
          this.syncing = undefined;
        },
      );
    }
  }
}

/** What is left of `buffers` after a (possibly short) write of `written` bytes. */
function dropWritten(buffers: Buffer[], written: number): Buffer[] {
  const rest: Buffer[] = [];
  for (const buffer of buffers) {
    if (written >= buffer.length) {
      written -= buffer.length;
      continue;
    }
    rest.push(written > 0 ? buffer.subarray(written) : buffer);
    written = 0;
  }
  return rest;
}
