import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations (Arcsecond portals) and their members' roles. */
export class ArchiveOrganisations1795520000200 implements MigrationInterface {
  name = 'ArchiveOrganisations1795520000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "archive_organisations" (
      "uuid" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY, "subdomain" text NOT NULL UNIQUE, "name" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE "archive_memberships" (
      "organisation" uuid NOT NULL REFERENCES "archive_organisations"("uuid") ON DELETE CASCADE, "user_id" uuid NOT NULL,
      "role" text NOT NULL, "created_at" timestamptz NOT NULL DEFAULT now(), PRIMARY KEY ("organisation", "user_id"))`);
    await q.query(`CREATE INDEX "IDX_archive_memberships_user" ON "archive_memberships" ("user_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "archive_memberships"`);
    await q.query(`DROP TABLE "archive_organisations"`);
  }
}
