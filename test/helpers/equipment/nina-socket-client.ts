import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { WebSocket } from 'ws';

export interface NinaSocketMessage {
  Response: unknown;
  Error: string;
  StatusCode: number;
  Success: boolean;
  Type: string;
}

/** A websocket client that sends text and reads its messages in order (each parsed by `parse`). */
class QueuedSocket<M> {
  readonly messages: M[] = [];
  private readonly waiting: ((m: M) => void)[] = [];
  private read = 0;
  closed: Promise<{ code: number; reason: string }>;

  constructor(
    private readonly ws: WebSocket,
    parse: (text: string) => M,
  ) {
    ws.on('message', (data) => {
      const message = parse(String(data));
      this.messages.push(message);
      this.waiting.shift()?.(message);
    });
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  /** Opens `path` on the app's server; `headers` e.g. REMOTE to be seen from another machine. */
  static async connect(app: NestExpressApplication, path: string, query = '', headers: Record<string, string> = {}): Promise<WebSocket> {
    const { port } = app.getHttpServer().address() as AddressInfo;
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}${query}`, { headers });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return ws;
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next message not read yet (waits for it). */
  next(): Promise<M> {
    const index = this.read++;
    if (index < this.messages.length) return Promise.resolve(this.messages[index]);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Marks every message received so far as read. */
  skipAll(): void {
    this.read = this.messages.length;
  }

  /** Sends and returns the reply. */
  async ask(message: unknown): Promise<M> {
    const reply = this.next();
    this.send(message);
    return reply;
  }

  close(): void {
    this.ws.close();
  }
}

/** A client of one of the ninaAPI envelope sockets (/v2/mount, /v2/tppa). */
export class NinaSocket extends QueuedSocket<NinaSocketMessage> {
  static async open(app: NestExpressApplication, path: string, query = ''): Promise<NinaSocket> {
    return new NinaSocket(await QueuedSocket.connect(app, path, query), (text) => JSON.parse(text) as NinaSocketMessage);
  }
}

/** A client of the plain-text sockets (/v2/filterwheel; /v2/rotator's JSON is read as text too). */
export class TextSocket extends QueuedSocket<string> {
  static async open(app: NestExpressApplication, path: string, query = '', headers: Record<string, string> = {}): Promise<TextSocket> {
    return new TextSocket(await QueuedSocket.connect(app, path, query, headers), (text) => text);
  }
}
