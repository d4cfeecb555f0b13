import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { SyncUploaderStatusDto, SyncUploadJobDto } from '../uploader/sync-uploader.dto';

export interface SyncPushOptions {
  /** Base URL of the local Skygate, e.g. http://127.0.0.1:8090 */
  server: string;
  files: string[];
  type: string;
  camera: string;
  cameraName?: string;
  night?: boolean;
  /** Sent as X-API-KEY; without it the server must trust loopback (AUTH_TRUST_LOOPBACK). */
  apiKey?: string;
  wait: boolean;
  pollMs?: number;
  out: Writable & { isTTY?: boolean };
}

const BAR_WIDTH = 30;

function bar(sent: number, total: number): string {
  const ratio = total > 0 ? Math.min(1, sent / total) : 1;
  const filled = Math.round(ratio * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%`;
}

function describeJobs(jobs: SyncUploadJobDto[]): string {
  const sent = jobs.reduce((n, j) => n + j.bytesSent, 0);
  const total = jobs.reduce((n, j) => n + j.bytesTotal, 0);
  const count = (state: string) => jobs.filter((j) => j.state === state).length;
  return `${bar(sent, total)} ${count('done')}/${jobs.length} sent, ${count('running')} running, ${count('queued')} queued, ${count('failed')} failed`;
}

/**
 * `skygate-cli sync push`: asks the local server to queue the files, then shows one progress bar
 * (bytes of all files) until every file is sent or has failed. Returns the number of failures.
 */
export async function runSyncPush(o: SyncPushOptions): Promise<number> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (o.apiKey) headers['X-API-KEY'] = o.apiKey;
  const call = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const res = await fetch(`${o.server.replace(/\/+$/, '')}${path}`, { ...init, headers });
    const body = (await res.json().catch(() => ({}))) as T & { message?: unknown; error?: unknown };
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body.message ?? body.error ?? body)}`);
    return body;
  };
  const files = o.files.map((f) => resolve(f));
  const { ids } = await call<{ ids: string[] }>('/sync/uploader/jobs', {
    method: 'POST',
    body: JSON.stringify({ files, type: o.type, cameraUuid: o.camera, cameraName: o.cameraName, night: o.night }),
  });
  o.out.write(`queued ${ids.length} file(s)\n`);
  if (!o.wait) return 0;
  let last = '';
  for (;;) {
    const status = await call<SyncUploaderStatusDto>(`/sync/uploader/status?ids=${ids.join(',')}`);
    if (!status.remote) throw new Error('the server has no SYNC_REMOTE_URL configured: the files stay queued');
    const line = describeJobs(status.jobs);
    if (line !== last) o.out.write(o.out.isTTY ? `\r${line}` : `${line}\n`);
    last = line;
    if (status.jobs.every((j) => j.state === 'done' || j.state === 'failed')) {
      if (o.out.isTTY) o.out.write('\n');
      const failed = status.jobs.filter((j) => j.state === 'failed');
      for (const j of failed) o.out.write(`failed: ${j.file}: ${j.lastError}\n`);
      return failed.length;
    }
    await new Promise((r) => setTimeout(r, o.pollMs ?? 500));
  }
}
