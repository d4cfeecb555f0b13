import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-file upload progress on the job row (status stays truthful across restarts and processes),
 * and an index for serving received files by the path the SyncAPI reply url names.
 */
export class SyncProgressAndPaths1795410000100 implements MigrationInterface {
  name = 'SyncProgressAndPaths1795410000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sync_upload_jobs" ADD "bytes_sent" bigint NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX "IDX_sync_assets_path" ON "sync_assets" ("relative_path")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_sync_assets_path"`);
    await q.query(`ALTER TABLE "sync_upload_jobs" DROP COLUMN "bytes_sent"`);
  }
}
