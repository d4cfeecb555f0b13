import { nina, openSocket, type SocketClient } from './equipment-client';
import { startTestApp, type TestApp } from '../test-app';

export interface NinaSuite {
  t: TestApp;
  api: ReturnType<typeof nina>;
  socket: SocketClient;
}

/**
 * A listening test app with a N.I.N.A. client and a /v2/socket client, started in beforeAll
 * (which then connects `devices`) and closed in afterAll. The returned object is filled in
 * beforeAll: read its fields inside tests only.
 */
export function ninaSuite(devices: string[] = []): NinaSuite {
  const suite = {} as NinaSuite;
  beforeAll(async () => {
    suite.t = await startTestApp();
    await suite.t.app.listen(0, '127.0.0.1');
    suite.api = nina(suite.t.app);
    suite.socket = await openSocket(suite.t.app);
    for (const device of devices) await suite.api.ok(`equipment/${device}/connect`);
  });
  afterAll(async () => {
    suite.socket?.close();
    await suite.t?.close();
  });
  return suite;
}
