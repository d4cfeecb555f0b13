import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The Mycodo-compatible daemon: outputs, inputs, their measurement channels, PIDs, functions, notes and the time series. */
export class DaemonInit1795440000000 implements MigrationInterface {
  name = 'DaemonInit1795440000000';

  async up(q: QueryRunner): Promise<void> {
    const ids = `"id" SERIAL PRIMARY KEY, "unique_id" uuid NOT NULL UNIQUE DEFAULT gen_random_uuid()`;
    const created = `"created_at" timestamptz NOT NULL DEFAULT now()`;
    await q.query(`CREATE TABLE "daemon_outputs" (${ids}, "name" text NOT NULL, "output_type" text NOT NULL,
      "interface" text NOT NULL DEFAULT '', "location" text NOT NULL DEFAULT '', "log_level_debug" boolean NOT NULL DEFAULT false,
      "custom_options" jsonb NOT NULL DEFAULT '{}', ${created})`);
    await q.query(`CREATE TABLE "daemon_output_channels" (${ids},
      "output_id" uuid NOT NULL REFERENCES "daemon_outputs"("unique_id") ON DELETE CASCADE, "channel" integer NOT NULL,
      "name" text NOT NULL DEFAULT '', "custom_options" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "UQ_daemon_output_channels" UNIQUE ("output_id", "channel"))`);
    await q.query(`CREATE TABLE "daemon_inputs" (${ids}, "name" text NOT NULL, "device" text NOT NULL, "interface" text NOT NULL DEFAULT '',
      "is_activated" boolean NOT NULL DEFAULT false, "period" double precision NOT NULL DEFAULT 15, "start_offset" double precision NOT NULL DEFAULT 0,
      "cmd_command" text, "retention_days" double precision, "log_level_debug" boolean NOT NULL DEFAULT false,
      "custom_options" jsonb NOT NULL DEFAULT '{}', ${created})`);
    await q.query(`CREATE TABLE "daemon_device_measurements" (${ids}, "device_id" uuid NOT NULL, "device_type" text NOT NULL,
      "channel" integer NOT NULL, "name" text NOT NULL DEFAULT '', "measurement" text NOT NULL, "unit" text NOT NULL,
      "is_enabled" boolean NOT NULL DEFAULT true, "custom_options" jsonb NOT NULL DEFAULT '{}',
      CONSTRAINT "UQ_daemon_device_measurements" UNIQUE ("device_id", "channel"))`);
    await q.query(`CREATE TABLE "daemon_pids" (${ids}, "name" text NOT NULL, "is_activated" boolean NOT NULL DEFAULT false,
      "is_held" boolean NOT NULL DEFAULT false, "is_paused" boolean NOT NULL DEFAULT false, "period" double precision NOT NULL DEFAULT 30,
      "start_offset" double precision NOT NULL DEFAULT 0, "max_measure_age" double precision NOT NULL DEFAULT 120,
      "measurement" text NOT NULL DEFAULT '', "direction" text NOT NULL DEFAULT 'raise', "setpoint" double precision NOT NULL DEFAULT 30,
      "band" double precision NOT NULL DEFAULT 0, "p" double precision NOT NULL DEFAULT 1, "i" double precision NOT NULL DEFAULT 0,
      "d" double precision NOT NULL DEFAULT 0, "integrator_min" double precision NOT NULL DEFAULT -100, "integrator_max" double precision NOT NULL DEFAULT 100,
      "raise_output_id" text, "raise_min_duration" double precision NOT NULL DEFAULT 0, "raise_max_duration" double precision NOT NULL DEFAULT 0,
      "raise_min_off_duration" double precision NOT NULL DEFAULT 0, "lower_output_id" text, "lower_min_duration" double precision NOT NULL DEFAULT 0,
      "lower_max_duration" double precision NOT NULL DEFAULT 0, "lower_min_off_duration" double precision NOT NULL DEFAULT 0,
      "store_lower_as_negative" boolean NOT NULL DEFAULT true, ${created})`);
    await q.query(`CREATE TABLE "daemon_functions" (${ids}, "name" text NOT NULL, "device" text NOT NULL DEFAULT 'conditional',
      "is_activated" boolean NOT NULL DEFAULT false, "period" double precision NOT NULL DEFAULT 30, "log_level_debug" boolean NOT NULL DEFAULT false,
      "conditions" jsonb NOT NULL DEFAULT '[]', "actions" jsonb NOT NULL DEFAULT '[]', "custom_options" jsonb NOT NULL DEFAULT '{}', ${created})`);
    await q.query(`CREATE TABLE "daemon_notes" (${ids}, "name" text NOT NULL, "note" text NOT NULL, "tags" jsonb NOT NULL DEFAULT '[]', ${created})`);
    // The time series (Mycodo's InfluxDB points): one row per value, tagged like Mycodo (unit, device, channel, measure).
    await q.query(`CREATE TABLE "daemon_measurements" ("id" BIGSERIAL PRIMARY KEY, "device_id" text NOT NULL, "unit" text NOT NULL,
      "channel" integer NOT NULL, "measure" text NOT NULL DEFAULT '', "time" timestamptz NOT NULL, "value" double precision NOT NULL)`);
    // "Last value of a channel" and time ranges of a channel both walk this index backwards or forwards.
    await q.query(`CREATE INDEX "IDX_daemon_measurements_series" ON "daemon_measurements" ("device_id", "unit", "channel", "time")`);
    // Retention deletes by device and age.
    await q.query(`CREATE INDEX "IDX_daemon_measurements_device_time" ON "daemon_measurements" ("device_id", "time")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['daemon_measurements', 'daemon_notes', 'daemon_functions', 'daemon_pids', 'daemon_device_measurements', 'daemon_inputs', 'daemon_output_channels', 'daemon_outputs']) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
