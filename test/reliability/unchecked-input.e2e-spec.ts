import request from 'supertest';
import { assetMetadata, CAMERA_UUID, signSync, syncMultipart } from '../e2e/sync-test-client';
import { createUser, REMOTE } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';

/**
 * No input reaches the database unchecked: ids and page numbers an int4 cannot hold, NUL bytes,
 * JSON nested 10,000 deep and absurd SyncAPI times are refused with a 400 in the route's family
 * shape, never a 500. Requests come from loopback (trusted) unless a SyncAPI signature is tested.
 */
describe('unchecked input', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  let sign: (metadata: string) => string;
  const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;

  beforeAll(async () => {
    t = await startTestApp();
    http = request(t.app.getHttpServer());
    const user = await createUser(t.app, 'syncer', { admin: true });
    const key = (await user.key('upload', true)).key;
    sign = (metadata) => signSync('syncer', key, metadata, Date.now() / 1000);
  });
  afterAll(() => t.close());

  /** Django REST framework's 400: `{"detail"}`, or the messages of the offending field (`{"page": ["..."]}`). */
  const arcsecond400 = (res: request.Response) => {
    const [field] = Object.keys(res.body ?? {});
    const body = field === 'detail' ? { detail: expect.any(String) } : { [field]: [expect.any(String)] };
    expect({ status: res.status, body: res.body }).toEqual({ status: 400, body });
  };
  const skygate400 = (res: request.Response) => {
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 400, body: { statusCode: 400, message: expect.anything() } });
  };
  const sync400 = (res: request.Response, text: RegExp) => {
    expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: { error: expect.stringMatching(text) } });
  };

  it('Arcsecond: ids and pages past int4, NUL bytes and deep JSON are 400 {detail} or {field: [message]}', async () => {
    arcsecond400(await http.get('/datafiles/2147483648'));
    arcsecond400(await http.get('/datafiles/99999999999999999999/'));
    await http.get('/datafiles/2147483647').expect(404, { detail: 'Not found.' });
    arcsecond400(await http.get('/datasets/?page=2147483648'));
    arcsecond400(await http.get('/datasets/?page=99999999999999999999'));
    arcsecond400(await http.get('/datasets/?name=a%00b'));
    arcsecond400(await http.get('/datafiles/1%00'));
    arcsecond400(await http.post('/datasets/').send({ name: 'a\u0000b' }));
    arcsecond400(await http.post('/datasets/').set('Content-Type', 'application/json').send(`{"name":"deep","tags":${deep}}`));
    arcsecond400(await http.post('/datasets/').send({ name: 'ok', 'ta\u0000gs': [] }));
    // Sane input still works.
    await http.post('/datasets/').send({ name: 'fine', tags: ['a'] }).expect(201);
  });

  it('Skygate: SyncAPI browse ids and pages past int4 and NUL bytes are 400 in Skygate shape', async () => {
    skygate400(await http.get('/sync/assets/2147483648'));
    skygate400(await http.get('/sync/assets/2147483648/file'));
    skygate400(await http.get('/sync/cameras/2147483648/latest-image'));
    skygate400(await http.get('/sync/assets?cameraId=2147483648'));
    skygate400(await http.get('/sync/assets?page=99999999999'));
    skygate400(await http.get('/sync/assets?type=image%00'));
    await http.get('/sync/assets/2147483647').expect(404);
    skygate400(await http.post('/login').send({ username: 'a\u0000', password: 'some-password' }));
    skygate400(await http.post('/login').set('Content-Type', 'application/json').send(`{"username":"x","password":${deep}}`));
  });

  it('indi-allsky: absurd createDate and utc_offset, NUL bytes, deep metadata and ids past int4 are 400 {error}', async () => {
    const upload = (metadata: string) => {
      const { body, contentType } = syncMultipart(metadata, Buffer.from('jpeg'), 'a.jpg');
      return http.post('/indi-allsky/sync/v1/image').set(REMOTE).set('Authorization', sign(metadata)).set('Content-Type', contentType).send(body);
    };
    const meta = (extra: Record<string, unknown>) => JSON.stringify(assetMetadata('image', 4, extra));
    sync400(await upload(meta({ createDate: 1e20 })), /createDate must be from 0 to/);
    sync400(await upload(meta({ createDate: -1e12 })), /createDate must be from 0 to/);
    sync400(await upload(meta({ utc_offset: 1e15 })), /utc_offset must be from -86400 to 86400/);
    sync400(await upload(meta({ note: 'a\u0000b' })), /NUL/);
    sync400(await upload(`{"type":"image","deep":${deep}}`), /nested deeper/);
    const camera = (extra: Record<string, unknown>) => {
      const metadata = JSON.stringify({ uuid: CAMERA_UUID, name: 'cam', utc_offset: 0, ...extra });
      const { body, contentType } = syncMultipart(metadata, Buffer.alloc(0), 'x.jpg');
      return http.post('/indi-allsky/sync/v1/camera').set(REMOTE).set('Authorization', sign(metadata)).set('Content-Type', contentType).send(body);
    };
    sync400(await camera({ utc_offset: 1e15 }), /utc_offset must be from/);
    const lookup = JSON.stringify({ id: 2147483648, camera_uuid: CAMERA_UUID });
    const { body, contentType } = syncMultipart(lookup, Buffer.alloc(0), 'x.jpg');
    sync400(await http.get('/indi-allsky/sync/v1/image').set(REMOTE).set('Authorization', sign(lookup)).set('Content-Type', contentType).send(body), /id must be an integer from 1 to 2147483647/);
    // A sane camera still registers.
    expect((await camera({})).status).toBe(200);
  });
});
