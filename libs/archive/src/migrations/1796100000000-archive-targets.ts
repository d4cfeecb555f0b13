import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Targets (integer ids, as Arcsecond's) and target lists (UUIDs) that hold them in order, both
 * owned like datasets; and datasets that their owner marks public (every archive reader sees them).
 */
export class ArchiveTargets1796100000000 implements MigrationInterface {
  name = 'ArchiveTargets1796100000000';

  async up(q: QueryRunner): Promise<void> {
    const stamps = `"created_at" timestamptz NOT NULL DEFAULT now(), "updated_at" timestamptz NOT NULL DEFAULT now()`;
    const owned = `"owner" uuid, "organisation" uuid`;
    await q.query(`CREATE TABLE "archive_targets" (
      "id" SERIAL PRIMARY KEY, "name" text NOT NULL DEFAULT '', "identifier" text NOT NULL DEFAULT '', "target_class" text, "mode" text NOT NULL DEFAULT '',
      "color" text NOT NULL DEFAULT '', "notes" text NOT NULL DEFAULT '', "tags" jsonb NOT NULL DEFAULT '[]',
      "right_ascension" double precision, "declination" double precision, ${owned}, ${stamps})`);
    await q.query(`CREATE INDEX "IDX_archive_targets_owner" ON "archive_targets" ("owner")`);
    await q.query(`CREATE INDEX "IDX_archive_targets_name" ON "archive_targets" ("name")`);
    await q.query(`CREATE TABLE "archive_target_lists" (
      "uuid" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY, "name" text NOT NULL, "description" text NOT NULL DEFAULT '', ${owned}, ${stamps})`);
    await q.query(`CREATE INDEX "IDX_archive_target_lists_owner" ON "archive_target_lists" ("owner")`);
    await q.query(`CREATE TABLE "archive_target_list_items" (
      "target_list" uuid NOT NULL REFERENCES "archive_target_lists"("uuid") ON DELETE CASCADE,
      "target" integer NOT NULL REFERENCES "archive_targets"("id") ON DELETE CASCADE, "position" integer NOT NULL,
      PRIMARY KEY ("target_list", "target"))`);
    await q.query(`CREATE INDEX "IDX_archive_target_list_items_target" ON "archive_target_list_items" ("target")`);
    await q.query(`ALTER TABLE "archive_datasets" ADD COLUMN "is_public" boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX "IDX_archive_datasets_public" ON "archive_datasets" ("uuid") WHERE "is_public"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "archive_datasets" DROP COLUMN "is_public"`);
    for (const table of ['archive_target_list_items', 'archive_target_lists', 'archive_targets']) await q.query(`DROP TABLE "${table}"`);
  }
}
