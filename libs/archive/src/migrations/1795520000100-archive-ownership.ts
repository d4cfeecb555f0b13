import type { MigrationInterface, QueryRunner } from 'typeorm';

const OWNED_TABLES = ['archive_datasets', 'archive_data_files', 'archive_night_logs', 'archive_frames'];

/**
 * Datasets, data files, night logs and frames (observations, calibrations) belong to a user and
 * optionally to an organisation. Rows made before this stay without an owner, which makes them
 * visible to administrators only (ArchiveVisibility). One night log per night and telescope now
 * holds within one owner's space, so two users' uploads of a shared telescope do not meet.
 */
export class ArchiveOwnership1795520000100 implements MigrationInterface {
  name = 'ArchiveOwnership1795520000100';

  async up(q: QueryRunner): Promise<void> {
    for (const table of OWNED_TABLES) {
      await q.query(`ALTER TABLE "${table}" ADD COLUMN "owner" uuid, ADD COLUMN "organisation" uuid`);
      await q.query(`CREATE INDEX "IDX_${table}_owner" ON "${table}" ("owner")`);
    }
    await q.query(`DROP INDEX "UQ_archive_night_logs_telescope_date"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_archive_night_logs_space_telescope_date" ON "archive_night_logs" ("telescope", "date", "owner", "organisation") NULLS NOT DISTINCT WHERE "telescope" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "UQ_archive_night_logs_space_telescope_date"`);
    await q.query(`DELETE FROM "archive_night_logs" a USING "archive_night_logs" b WHERE a."telescope" = b."telescope" AND a."date" = b."date" AND a."uuid"::text > b."uuid"::text`);
    await q.query(`CREATE UNIQUE INDEX "UQ_archive_night_logs_telescope_date" ON "archive_night_logs" ("telescope", "date")`);
    for (const table of OWNED_TABLES) await q.query(`ALTER TABLE "${table}" DROP COLUMN "owner", DROP COLUMN "organisation"`);
  }
}
