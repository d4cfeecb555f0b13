import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { basename } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { Clock } from '@app/core';
import { SYNC_TIME_SKEW_SECONDS, syncSignature } from '@app/auth';

export interface RemoteTarget {
  /** e.g. http://host:8090/indi-allsky (no trailing slash) */
  baseUrl: string;
  username: string;
  apiKey: string;
}

export interface RemoteReply {
  status: number;
  body: { id?: number; error?: string };
}

/** A transport failure (refused, reset, timeout): worth retrying. */
export class RemoteUnreachableError extends Error {}

/**
 * Sends one SyncAPI request exactly as indi-allsky's requests_syncapi_v1 client does: PUT,
 * multipart with metadata first, `Authorization: Bearer <user>:<HMAC-SHA3-512>`, Connection: close.
 * The file is streamed from disk (Content-Length known up front), never read whole.
 */
@Injectable()
export class SyncRemoteClient {
  constructor(private readonly clock: Clock) {}

  async put(
    target: RemoteTarget,
    endpoint: string,
    metadata: Record<string, unknown>,
    file: { path: string; size: number } | undefined,
    options: { onProgress?: (bytes: number) => void; signal?: AbortSignal } = {},
  ): Promise<RemoteReply> {
    const onProgress = options.onProgress ?? (() => undefined);
    const json = Buffer.from(JSON.stringify(metadata));
    const boundary = `skygate-${randomUUID()}`;
    const mediaName = file ? basename(file.path).replace(/["\r\n]/g, '_') : 'bogus.ext';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="metadata"; filename="metadata.json"\r\nContent-Type: application/json\r\n\r\n${json.toString()}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${mediaName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const bucket = Math.floor(this.clock.nowMs() / 1000 / SYNC_TIME_SKEW_SECONDS);
    const url = new URL(`${target.baseUrl}/sync/v1/${endpoint}`);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<RemoteReply>((resolve, reject) => {
      const req = send(url, {
        method: 'PUT',
        headers: {
          Authorization: `Bearer ${target.username}:${syncSignature(target.apiKey, bucket, json)}`,
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': head.length + (file?.size ?? 0) + tail.length,
          Connection: 'close',
        },
        timeout: 60_000,
        signal: options.signal,
      });
      req.on('timeout', () => req.destroy(new RemoteUnreachableError('no answer within 60 s')));
      req.on('error', (err) => reject(err instanceof RemoteUnreachableError ? err : new RemoteUnreachableError(err.message)));
      req.on('response', (res) => readReply(res).then(resolve, reject));
      req.write(head);
      if (!file || file.size === 0) return void req.end(tail);
      let sent = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          sent += chunk.length;
          onProgress(sent);
          done(null, chunk);
        },
      });
      pipeline(createReadStream(file.path, { end: file.size - 1 }), meter, req, { end: false })
        .then(() => req.end(tail))
        .catch((err: Error) => req.destroy(err));
    });
  }
}

async function readReply(res: IncomingMessage): Promise<RemoteReply> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let body: RemoteReply['body'] = {};
  try {
    body = JSON.parse(text) as RemoteReply['body'];
  } catch {
    body = { error: text.slice(0, 200) || `HTTP ${res.statusCode}` };
  }
  return { status: res.statusCode ?? 0, body };
}
