import type { MigrationInterface, QueryRunner } from 'typeorm';

/** PID setpoint tracking (Mycodo's setpoint_tracking_* columns, plus an offset). */
export class DaemonPidSetpointTracking1795440000001 implements MigrationInterface {
  name = 'DaemonPidSetpointTracking1795440000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "daemon_pids" ADD "setpoint_tracking_type" text NOT NULL DEFAULT '', ADD "setpoint_tracking_id" text NOT NULL DEFAULT '',
      ADD "setpoint_tracking_offset" double precision NOT NULL DEFAULT 0, ADD "setpoint_tracking_max_age" double precision NOT NULL DEFAULT 120`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "daemon_pids" DROP "setpoint_tracking_type", DROP "setpoint_tracking_id", DROP "setpoint_tracking_offset", DROP "setpoint_tracking_max_age"`);
  }
}
