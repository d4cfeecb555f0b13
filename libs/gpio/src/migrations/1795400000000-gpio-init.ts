import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GpioInit1795400000000 implements MigrationInterface {
  name = 'GpioInit1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "gpio_pins" (
      "pin" integer NOT NULL,
      "mode" text NOT NULL,
      "level" smallint NOT NULL DEFAULT 0,
      "frequency" integer,
      "duty" integer,
      "name" text NOT NULL DEFAULT '',
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_gpio_pins_pin" PRIMARY KEY ("pin"),
      CONSTRAINT "CHK_gpio_pins_mode" CHECK ("mode" IN ('digital-input', 'digital-output', 'pwm')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "gpio_pins"`);
  }
}
