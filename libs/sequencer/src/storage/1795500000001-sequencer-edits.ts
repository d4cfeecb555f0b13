import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The loaded sequence keeps its source file and the edits made to it, so they survive a restart. */
export class SequencerEdits1795500000001 implements MigrationInterface {
  name = 'SequencerEdits1795500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sequencer_loaded" ADD "source" text`);
    await q.query(`ALTER TABLE "sequencer_loaded" ADD "edits" text NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sequencer_loaded" DROP COLUMN "edits"`);
    await q.query(`ALTER TABLE "sequencer_loaded" DROP COLUMN "source"`);
  }
}
