import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EquipmentInit1795430000000 implements MigrationInterface {
  name = 'EquipmentInit1795430000000';

  async up(q: QueryRunner): Promise<void> {
    // ninaAPI keeps image history in memory only; Skygate keeps it, so indices survive restarts.
    await q.query(`CREATE TABLE "equipment_images" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "seq" integer GENERATED ALWAYS AS IDENTITY,
      "captured_at" timestamptz NOT NULL,
      "image_type" text NOT NULL,
      "file_path" text NOT NULL,
      "width" integer NOT NULL,
      "height" integer NOT NULL,
      "statistics" jsonb NOT NULL DEFAULT '{}',
      CONSTRAINT "PK_equipment_images_id" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_equipment_images_seq" UNIQUE ("seq"))`);
    await q.query(`CREATE TABLE "equipment_profiles" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "name" text NOT NULL,
      "description" text NOT NULL DEFAULT '',
      "is_active" boolean NOT NULL DEFAULT false,
      "last_used" timestamptz NOT NULL DEFAULT now(),
      "settings" jsonb NOT NULL DEFAULT '{}',
      CONSTRAINT "PK_equipment_profiles_id" PRIMARY KEY ("id"))`);
    // At most one active profile.
    await q.query(`CREATE UNIQUE INDEX "UQ_equipment_profiles_active" ON "equipment_profiles" ("is_active") WHERE "is_active"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "equipment_profiles"`);
    await q.query(`DROP TABLE "equipment_images"`);
  }
}
