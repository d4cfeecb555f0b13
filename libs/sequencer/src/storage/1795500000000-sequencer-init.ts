import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SequencerInit1795500000000 implements MigrationInterface {
  name = 'SequencerInit1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "sequencer_loaded" (
      "id" text NOT NULL,
      "name" text NOT NULL,
      "json" text NOT NULL,
      "loaded_at" timestamptz NOT NULL,
      CONSTRAINT "PK_sequencer_loaded_id" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "sequencer_runs" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "sequence_name" text NOT NULL,
      "started_at" timestamptz NOT NULL,
      "finished_at" timestamptz,
      "status" text NOT NULL,
      "reason" text NOT NULL DEFAULT '',
      "current_item" text NOT NULL DEFAULT '',
      CONSTRAINT "PK_sequencer_runs_id" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "sequencer_run_log" (
      "seq" integer GENERATED ALWAYS AS IDENTITY,
      "run_id" uuid NOT NULL,
      "at" timestamptz NOT NULL,
      "path" text NOT NULL,
      "item" text NOT NULL,
      "outcome" text NOT NULL,
      "message" text NOT NULL DEFAULT '',
      CONSTRAINT "PK_sequencer_run_log_seq" PRIMARY KEY ("seq"),
      CONSTRAINT "FK_sequencer_run_log_run" FOREIGN KEY ("run_id") REFERENCES "sequencer_runs" ("id") ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX "IDX_sequencer_run_log_run" ON "sequencer_run_log" ("run_id", "seq")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "sequencer_run_log"`);
    await q.query(`DROP TABLE "sequencer_runs"`);
    await q.query(`DROP TABLE "sequencer_loaded"`);
  }
}
