import { readdir } from 'node:fs/promises';
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
    await first.stop();

    const second = await startTestApp({ reuse: first.reuse });
    try {
      const ds2 = second.app.get(DataSource);
      expect(await ds2.query('SELECT label FROM restart_probe')).toEqual([{ label: 'before restart' }]);
      expect(await ds2.query('SELECT name FROM skygate_migrations')).toEqual(migrationsBefore);
      if (first.config.database.kind === 'pglite') {
        expect(await readdir(join(first.reuse.dataDir, 'pglite'))).toContain('PG_VERSION');
      }
    } finally {
      await second.close();
    }
  });
});
