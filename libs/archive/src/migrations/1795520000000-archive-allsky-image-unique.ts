import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per camera, file name and instant, so a re-sent all-sky image is recognised as a
 * duplicate. Duplicates stored before this keep their earliest row; the later rows' files stay on
 * disk (a migration does not reach the file store).
 */
export class ArchiveAllskyImageUnique1795520000000 implements MigrationInterface {
  name = 'ArchiveAllskyImageUnique1795520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "archive_allsky_images" a USING "archive_allsky_images" b
      WHERE a."camera" = b."camera" AND a."file_name" = b."file_name" AND a."utc_timestamp" = b."utc_timestamp"
        AND (a."created_at", a."uuid") > (b."created_at", b."uuid")`);
    await q.query(`ALTER TABLE "archive_allsky_images" ADD CONSTRAINT "UQ_archive_allsky_images_camera_name_time" UNIQUE ("camera", "file_name", "utc_timestamp")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "archive_allsky_images" DROP CONSTRAINT "UQ_archive_allsky_images_camera_name_time"`);
  }
}
