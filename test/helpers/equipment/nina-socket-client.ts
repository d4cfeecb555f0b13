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

/** A client of one of the ninaAPI sockets (/v2/mount, /v2/tppa): sends text, awaits replies in order. */
export class NinaSocket {
  readonly messages: NinaSocketMessage[] = [];
  private readonly waiting: ((m: NinaSocketMessage) => void)[] = [];
  private read = 0;
  closed: Promise<{ code: number; reason: string }>;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as NinaSocketMessage;
      this.messages.push(message);
      this.waiting.shift()?.(message);
    });
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  static async open(app: NestExpressApplication, path: string, query = ''): Promise<NinaSocket> {
    const { port } = app.getHttpServer().address() as AddressInfo;
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}${query}`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new NinaSocket(ws);
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next message not read yet (waits for it). */
  next(): Promise<NinaSocketMessage> {
    const index = this.read++;
    if (index < this.messages.length) return Promise.resolve(this.messages[index]);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Marks every message received so far as read. */
  skipAll(): void {
    this.read = this.messages.length;
  }

  /** Sends and returns the reply. */
  async ask(message: unknown): Promise<NinaSocketMessage> {
    const reply = this.next();
    this.send(message);
    return reply;
  }

  close(): void {
    this.ws.close();
  }
}
