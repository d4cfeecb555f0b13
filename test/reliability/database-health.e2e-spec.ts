import request from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** Words of database driver errors that must never reach an unauthenticated /health caller. */
const DRIVER_TEXT = /relation|does not exist|skygate_migrations|ECONNREFUSED|connection|closed|terminated/i;

describe('/health reads the schema, not just the connection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is up with the schema in place', async () => {
    const res = await request(t.app.getHttpServer()).get('/health').expect(200);
    expect(res.body.database).toMatchObject({ status: 'up', driver: t.config.database.kind });
  });

  it('answers 503 schema-missing once the migrations table is gone, with no driver text in the body', async () => {
    await t.app.get(DataSource).query('DROP TABLE skygate_migrations');
    const res = await request(t.app.getHttpServer()).get('/health').expect(503);
    expect(res.body).toMatchObject({ status: 'unavailable', database: { status: 'down', reason: 'schema-missing' } });
    expect(Object.keys(res.body.database).sort()).toEqual(['driver', 'reason', 'status']);
    expect(JSON.stringify(res.body)).not.toMatch(DRIVER_TEXT);
    // The cause is in the log for the operator.
    expect(t.logs.some((l) => l.includes('schema-missing') && l.includes('skygate_migrations'))).toBe(true);
  });

  it('answers 503 unreachable once the connection is closed, again without driver text', async () => {
    await t.app.get(DataSource).destroy();
    const res = await request(t.app.getHttpServer()).get('/health').expect(503);
    expect(res.body.database).toEqual({ status: 'down', driver: t.config.database.kind, reason: 'unreachable' });
    expect(JSON.stringify(res.body)).not.toMatch(DRIVER_TEXT);
  });
});
