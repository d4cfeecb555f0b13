import type { AddressInfo } from 'node:net';
import { createSkygateClient } from '@app/sdk';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('generated SDK against the running app', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it('calls GET /health with typed results', async () => {
    const client = createSkygateClient(baseUrl);
    const { data, error, response } = await client.GET('/health');
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    // `data` is typed from the committed contract: a wrong field name would not compile.
    expect(data?.database.status).toBe('up');
    expect(data?.version).toBe(t.config.version);
  });

  it('calls GET /health/live', async () => {
    const { data } = await createSkygateClient(baseUrl).GET('/health/live');
    expect(data?.status).toBe('ok');
  });
});
