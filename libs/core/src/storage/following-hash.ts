import { Worker } from 'node:worker_threads';

/**
 * The worker: per job, opens the file once bytes are written, reads what the writer has written
 * so far (from the page cache) and hashes it; answers the digest after the final length.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const jobs = new Map();
const buffer = Buffer.allocUnsafe(1 << 20);
const close = (job) => { if (job.fd !== undefined) closeSync(job.fd); };
parentPort.on('message', (m) => {
  if (m.path !== undefined) return void jobs.set(m.id, { path: m.path, fd: undefined, hash: createHash('sha256'), pos: 0 });
  const job = jobs.get(m.id);
  if (!job) return;
  try {
    if (m.abort) {
      jobs.delete(m.id);
      return close(job);
    }
    if (m.upTo > job.pos && job.fd === undefined) job.fd = openSync(job.path, 'r');
    while (job.pos < m.upTo) {
      const n = readSync(job.fd, buffer, 0, Math.min(buffer.length, m.upTo - job.pos), job.pos);
      if (n === 0) throw new Error('the file is shorter than the bytes written to it');
      job.hash.update(buffer.subarray(0, n));
      job.pos += n;
    }
    if (m.final) {
      jobs.delete(m.id);
      close(job);
      parentPort.postMessage({ id: m.id, digest: job.hash.digest('hex') });
    }
  } catch (err) {
    jobs.delete(m.id);
    try { close(job); } catch {}
    parentPort.postMessage({ id: m.id, error: String(err && err.message || err) });
  }
});
`;

/** Post a progress message only every this many bytes (each message costs the writer's thread a few µs). */
const ADVANCE_EVERY_BYTES = 4 * 1024 * 1024;

type Waiter = { resolve: (digest: string) => void; reject: (err: Error) => void };

/** The worker ends after this long without a job, giving its memory back (a few MiB). */
const IDLE_MS = 10_000;

let worker: Worker | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let nextId = 0;
const waiting = new Map<number, Waiter>();

function settled(id: number): void {
  waiting.delete(id);
  if (waiting.size > 0 || !worker) return;
  const idle = worker;
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (worker !== idle || waiting.size > 0) return;
    worker = undefined;
    void idle.terminate();
  }, IDLE_MS).unref();
}

/** One worker thread for the process, started on the first upload (none at idle), not keeping the process alive. */
function hashWorker(): Worker {
  clearTimeout(idleTimer);
  if (worker) return worker;
  const started = new Worker(WORKER_SOURCE, { eval: true });
  started.unref();
  started.on('message', (m: { id: number; digest?: string; error?: string }) => {
    const waiter = waiting.get(m.id);
    settled(m.id);
    if (m.digest !== undefined) waiter?.resolve(m.digest);
    else waiter?.reject(new Error(`hashing the stored file failed: ${m.error}`));
  });
  const lost = (err: Error) => {
    if (worker === started) worker = undefined;
    for (const waiter of waiting.values()) waiter.reject(err);
    waiting.clear();
  };
  started.on('error', lost);
  started.on('exit', (code) => {
    if (worker === started) lost(new Error(`the hashing thread exited (${code})`));
  });
  worker = started;
  return started;
}

/**
 * SHA-256 of a file while it is being written, computed on a worker thread that reads back what
 * the writer reports written (the page cache has it), so the request's thread does not hash
 * (0.6-0.7 s of CPU per GiB; bench/upload.js). Bytes must be reported in order, as written.
 */
export class FollowingFileHash {
  private readonly id = nextId++;
  private readonly worker = hashWorker();
  private readonly digest: Promise<string>;
  private posted = 0;

  constructor(path: string) {
    this.digest = new Promise<string>((resolve, reject) => waiting.set(this.id, { resolve, reject }));
    this.digest.catch(() => undefined); // awaited by finish(); an aborted job is never awaited
    this.worker.postMessage({ id: this.id, path });
  }

  /** `written` bytes from the start of the file are on disk (in the page cache). */
  advance(written: number): void {
    if (written - this.posted < ADVANCE_EVERY_BYTES) return;
    this.posted = written;
    this.worker.postMessage({ id: this.id, upTo: written });
  }

  /** The hex digest of the first `size` bytes, once the worker has read them. */
  finish(size: number): Promise<string> {
    this.worker.postMessage({ id: this.id, upTo: size, final: true });
    return this.digest;
  }

  abort(): void {
    this.worker.postMessage({ id: this.id, abort: true });
    settled(this.id);
  }
}
