import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ArchiveInit1795420000000 implements MigrationInterface {
  name = 'ArchiveInit1795420000000';

  async up(q: QueryRunner): Promise<void> {
    const stamps = `"created_at" timestamptz NOT NULL DEFAULT now(), "updated_at" timestamptz NOT NULL DEFAULT now()`;
    await q.query(`CREATE TABLE "archive_observing_sites" (
      "uuid" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY, "name" text NOT NULL, "short_name" text NOT NULL DEFAULT '',
      "longitude" double precision, "latitude" double precision, "height" double precision, "time_zone" text, ${stamps})`);
    await q.query(`CREATE TABLE "archive_telescopes" (
      "uuid" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY, "name" text NOT NULL, "acronym" text NOT NULL DEFAULT '',
      "observing_site" uuid REFERENCES "archive_observing_sites"("uuid") ON DELETE SET NULL, ${stamps})`);
    await q.query(`CREATE TABLE "archive_night_logs" (
      "uuid" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY, "date" date NOT NULL,
      "telescope" uuid REFERENCES "archive_telescopes"("uuid") ON DELETE CASCADE, "created_at" timestamptz NOT NULL DEFAULT now())`);
    // One night log per night and telescope.
    await q.query(`CREATE UNIQUE INDEX "UQ_archive_night_logs_telescope_date" ON "archive_night_logs" ("telescope", "date")`);
    await q.query(`CREATE TABLE "archive_datasets" (
      "uuid" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY, "name" text NOT NULL,
      "telescope" uuid REFERENCES "archive_telescopes"("uuid") ON DELETE SET NULL, "tags" jsonb NOT NULL DEFAULT '[]', ${stamps})`);
    await q.query(`CREATE INDEX "IDX_archive_datasets_name" ON "archive_datasets" ("name")`);
    await q.query(`CREATE TABLE "archive_data_packages" (
      "uuid" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY, "name" text NOT NULL, "description" text NOT NULL DEFAULT '',
      "datasets" jsonb NOT NULL DEFAULT '[]', ${stamps})`);
    await q.query(`CREATE TABLE "archive_data_files" (
      "id" SERIAL PRIMARY KEY, "dataset" uuid NOT NULL REFERENCES "archive_datasets"("uuid") ON DELETE CASCADE,
      "file_name" text NOT NULL, "relative_path" text NOT NULL, "size" bigint NOT NULL, "sha256" text NOT NULL,
      "is_raw" boolean NOT NULL DEFAULT false, "tags" jsonb NOT NULL DEFAULT '[]', "format" text NOT NULL, "compression" text NOT NULL,
      "header_status" text NOT NULL, "header_error" text, "header" jsonb NOT NULL DEFAULT '{}', "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_archive_data_files_dataset_name" UNIQUE ("dataset", "file_name"))`);
    await q.query(`CREATE TABLE "archive_frames" (
      "uuid" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY, "kind" text NOT NULL, "name" text NOT NULL,
      "calibration_type" text, "frame_type" text, "target_name" text NOT NULL DEFAULT '', "exposure_time" double precision,
      "filter" text, "instrument" text, "telescope_name" text, "date_obs" timestamptz, "date_source" text,
      "night_log" uuid REFERENCES "archive_night_logs"("uuid") ON DELETE SET NULL,
      "dataset" uuid REFERENCES "archive_datasets"("uuid") ON DELETE CASCADE,
      "data_file" integer REFERENCES "archive_data_files"("id") ON DELETE CASCADE, "created_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX "IDX_archive_frames_night_log" ON "archive_frames" ("night_log")`);
    await q.query(`CREATE INDEX "IDX_archive_frames_dataset" ON "archive_frames" ("dataset")`);
    await q.query(`CREATE TABLE "archive_allsky_cameras" (
      "uuid" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY, "name" text NOT NULL,
      "observing_site" uuid REFERENCES "archive_observing_sites"("uuid") ON DELETE SET NULL, "created_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE "archive_allsky_images" (
      "uuid" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY, "camera" uuid NOT NULL REFERENCES "archive_allsky_cameras"("uuid") ON DELETE CASCADE,
      "utc_timestamp" timestamptz NOT NULL, "file_name" text NOT NULL, "relative_path" text NOT NULL, "size" bigint NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['archive_allsky_images', 'archive_allsky_cameras', 'archive_frames', 'archive_data_files', 'archive_data_packages', 'archive_datasets', 'archive_night_logs', 'archive_telescopes', 'archive_observing_sites']) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
