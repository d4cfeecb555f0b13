import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FocuserInit1795400000100 implements MigrationInterface {
  name = 'FocuserInit1795400000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "focuser_state" (
      "id" text NOT NULL,
      "settings" jsonb NOT NULL DEFAULT '{}',
      "position" integer NOT NULL DEFAULT 0,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_focuser_state_id" PRIMARY KEY ("id"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "focuser_state"`);
  }
}
