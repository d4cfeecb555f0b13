import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DaemonRuntime } from '@app/daemon';

export const MYCODO = 'application/vnd.mycodo.v1+json';

/** Requests to the Mycodo family with the vendor Accept header; bodies are parsed whatever the Content-Type. */
export function mycodo(app: NestExpressApplication) {
  const server = app.getHttpServer();
  const parse = (res: request.Response, done: (err: Error | null, body: unknown) => void) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => {
      try {
        done(null, text ? JSON.parse(text) : undefined);
      } catch {
        done(null, text);
      }
    });
  };
  return {
    get: (path: string) => request(server).get(path).set('Accept', MYCODO).buffer(true).parse(parse),
    post: (path: string, body?: object) => {
      const req = request(server).post(path).set('Accept', MYCODO).buffer(true).parse(parse);
      return body === undefined ? req : req.send(body);
    },
    patch: (path: string, body: object) => request(server).patch(path).set('Accept', MYCODO).buffer(true).parse(parse).send(body),
    delete: (path: string) => request(server).delete(path).set('Accept', MYCODO).buffer(true).parse(parse),
    /** Runs one pass of the daemon loop (after moving a ManualClock). */
    tick: () => app.get(DaemonRuntime).tick(),
  };
}
