import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { ImageStatistics, StarDetection } from './image-analysis';
import type { AnalysisJob } from './image-analysis.worker';

export interface FrameAnalysis {
  statistics: ImageStatistics;
  detection: StarDetection;
}

type Pending = { resolve: (a: FrameAnalysis) => void; reject: (e: Error) => void };
type Reply = { id: number; error?: string } & Partial<FrameAnalysis>;

/**
 * Statistics and star detection in a worker thread, so a capture's FITS write and fsync (which
 * need the event loop for every step) run while the frame is measured, and HTTP and sockets stay
 * responsive. One long-lived worker; it is started on first use and restarted after a crash.
 */
@Injectable()
export class ImageAnalyzer implements OnModuleDestroy {
  private readonly logger = new Logger('ImageAnalyzer');
  private readonly pending = new Map<number, Pending>();
  private worker: Worker | null = null;
  private nextId = 1;

  analyse(width: number, height: number, pixels: Uint16Array): Promise<FrameAnalysis> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<FrameAnalysis>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Posting copies the pixels (~1 ms for 1.3 Mpx): the caller keeps its frame.
      worker.postMessage({ id, width, height, pixels } satisfies AnalysisJob);
      worker.ref();
    });
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = spawnAnalysisWorker();
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const job = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (!job) return;
      if (reply.error !== undefined) job.reject(new Error(`image analysis failed: ${reply.error}`));
      else job.resolve({ statistics: reply.statistics!, detection: reply.detection! });
    });
    worker.on('error', (err) => this.fail(worker, err));
    worker.on('exit', (code) => this.fail(worker, new Error(`image analysis worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private fail(worker: Worker, err: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    if (this.pending.size) this.logger.error(err.message);
    for (const job of this.pending.values()) job.reject(err);
    this.pending.clear();
  }
}

/**
 * The compiled worker next to this file (dist); when running from TypeScript sources (jest) the
 * worker compiles the two .ts files it needs with swc, the compiler the test runner itself uses.
 */
function spawnAnalysisWorker(): Worker {
  const compiled = join(__dirname, 'image-analysis.worker.js');
  if (existsSync(compiled)) return new Worker(compiled);
  const source = join(__dirname, 'image-analysis.worker.ts');
  const bootstrap = `
    const { transformSync } = require('@swc/core');
    const { readFileSync } = require('node:fs');
    require.extensions['.ts'] = (module, filename) => module._compile(transformSync(readFileSync(filename, 'utf8'),
      { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code, filename);
    require(${JSON.stringify(source)});`;
  return new Worker(bootstrap, { eval: true });
}
