import { readdir, stat } from 'node:fs/promises';
import request from 'supertest';
import { UserService } from '@app/auth';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startTestApp } from '../helpers/test-app';

describe('restart', () => {
  it('reuses the data folder and database: rows written before a restart are there after it', async () => {
    const first = await startTestApp({ persistent: true });
    const ds1 = first.app.get(DataSource);
    await ds1.query('CREATE TABLE restart_probe (label text)');
    await ds1.query(`INSERT INTO restart_probe VALUES ('before restart')`);
    const migrationsBefore = await ds1.query('SELECT name FROM skygate_migrations');
    await first.app.get(UserService).create({ username: 'keeper', password: 'keeper-password' });
    const login = await request(first.app.getHttpServer()).post('/login').send({ username: 'keeper', password: 'keeper-password' }).expect(200);
    await first.stop();

    const second = await startTestApp({ reuse: first.reuse });
    try {
      const ds2 = second.app.get(DataSource);
      expect(await ds2.query('SELECT label FROM restart_probe')).toEqual([{ label: 'before restart' }]);
      expect(await ds2.query('SELECT name FROM skygate_migrations')).toEqual(migrationsBefore);
      // The generated JWT secret persisted (0600), so a token from before the restart still works.
      for (const name of ['jwt.key', 'encryption.key']) expect((await stat(join(first.reuse.dataDir, 'secrets', name))).mode & 0o777).toBe(0o600);
      const me = await request(second.app.getHttpServer()).get('/auth/me').set('X-Forwarded-For', '203.0.113.9').set('Authorization', `Bearer ${login.body.access_token}`).expect(200);
      expect(me.body.username).toBe('keeper');
      if (first.config.database.kind === 'pglite') {
        expect(await readdir(join(first.reuse.dataDir, 'pglite'))).toContain('PG_VERSION');
      }
    } finally {
      await second.close();
    }
  });
});
