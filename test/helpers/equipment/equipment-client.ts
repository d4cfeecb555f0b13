import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { WebSocket } from 'ws';
import { NinaSocketGateway } from '@app/equipment';

/** Small helpers for the N.I.N.A. API tests: GET with query, envelope assertions, a /v2/socket client. */
export function nina(app: NestExpressApplication) {
  const get = async (path: string, query: Record<string, string | number | boolean> = {}) => {
    const res = await request(app.getHttpServer()).get(`/v2/api/${path}`).query(query);
    return res;
  };
  return {
    get,
    /** The envelope of a route that must succeed. */
    ok: async (path: string, query: Record<string, string | number | boolean> = {}) => {
      const res = await get(path, query);
      expect(res.status).toBe(200);
      expect({ path, body: res.body }).toMatchObject({ path, body: { StatusCode: 200, Success: true, Error: '', Type: 'API' } });
      return res.body.Response;
    },
    /** The envelope of a route that must fail with the given code, still over HTTP 200. */
    fails: async (path: string, code: number, query: Record<string, string | number | boolean> = {}) => {
      const res = await get(path, query);
      expect(res.status).toBe(200);
      expect({ path, body: res.body }).toMatchObject({ path, body: { Response: '', StatusCode: code, Success: false, Type: 'API' } });
      return res.body.Error as string;
    },
  };
}

export interface SocketClient {
  messages: { Response: { Event: string; [k: string]: unknown }; Type: string; StatusCode: number; Success: boolean }[];
  events: () => string[];
  close: () => void;
}

/** Opens /v2/socket and resolves once the gateway has admitted the client (it authenticates asynchronously). */
export async function openSocket(app: NestExpressApplication, query = ''): Promise<SocketClient> {
  const { port } = app.getHttpServer().address() as AddressInfo;
  const gateway = app.get(NinaSocketGateway);
  const before = gateway.clientCount;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/v2/socket${query}`);
  const messages: SocketClient['messages'] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  for (let i = 0; i < 400 && gateway.clientCount === before; i++) await new Promise((r) => setTimeout(r, 5));
  return { messages, events: () => messages.map((m) => m.Response.Event), close: () => ws.close() };
}
