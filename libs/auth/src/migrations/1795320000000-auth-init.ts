import type { MigrationInterface, QueryRunner } from 'typeorm';
// Frozen copy of the built-in roles as first shipped; later changes need a migration of their own.
const SEEDED_ROLES: [string, string, string][] = [
  ['admin', 'Everything, including users and roles', '{"*":["*"]}'],
  ['operator', 'Reads everything but users; operates the hardware and equipment', '{"allsky":["read","update"],"gpio":["read","update"],"focuser":["read","update"],"dashboard":["read","update"],"equipment":["read","update"],"sequence":["read","update"],"daemon":["read","update"],"sync":["read"],"archive":["read"]}'],
  ['viewer', 'Reads everything but users; changes nothing', '{"allsky":["read"],"gpio":["read"],"focuser":["read"],"dashboard":["read"],"sync":["read"],"equipment":["read"],"sequence":["read"],"daemon":["read"],"archive":["read"]}'],
  ['uploader', 'Uploads to the sync receiver and the archive, nothing else', '{"sync":["update"],"archive":["update"]}'],
];

export class AuthInit1795320000000 implements MigrationInterface {
  name = 'AuthInit1795320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "roles" (
      "name" text NOT NULL,
      "description" text NOT NULL DEFAULT '',
      "permissions" jsonb NOT NULL DEFAULT '{}',
      "builtin" boolean NOT NULL DEFAULT false,
      CONSTRAINT "PK_roles_name" PRIMARY KEY ("name"))`);
    await q.query(`CREATE TABLE "users" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "username" text NOT NULL,
      "full_name" text,
      "email" text,
      "password_hash" text NOT NULL,
      "is_active" boolean NOT NULL DEFAULT true,
      "is_admin" boolean NOT NULL DEFAULT false,
      "tokens_valid_after" timestamptz NOT NULL DEFAULT now(),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_users_username" UNIQUE ("username"),
      CONSTRAINT "PK_users_id" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "user_roles" (
      "user_id" uuid NOT NULL,
      "role_name" text NOT NULL,
      CONSTRAINT "PK_user_roles" PRIMARY KEY ("user_id", "role_name"),
      CONSTRAINT "FK_user_roles_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE,
      CONSTRAINT "FK_user_roles_role" FOREIGN KEY ("role_name") REFERENCES "roles"("name") ON DELETE CASCADE ON UPDATE CASCADE)`);
    await q.query(`CREATE INDEX "IDX_user_roles_user" ON "user_roles" ("user_id")`);
    await q.query(`CREATE INDEX "IDX_user_roles_role" ON "user_roles" ("role_name")`);
    await q.query(`CREATE TABLE "api_keys" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "name" text NOT NULL,
      "scope" text NOT NULL CONSTRAINT "CHK_api_keys_scope" CHECK ("scope" IN ('full', 'upload')),
      "key_hash" text NOT NULL,
      "key_prefix" text NOT NULL,
      "encrypted_key" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "last_used_at" timestamptz,
      "revoked_at" timestamptz,
      CONSTRAINT "UQ_api_keys_key_hash" UNIQUE ("key_hash"),
      CONSTRAINT "PK_api_keys_id" PRIMARY KEY ("id"),
      CONSTRAINT "FK_api_keys_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX "IDX_api_keys_user" ON "api_keys" ("user_id")`);
    for (const [name, description, permissions] of SEEDED_ROLES) {
      await q.query(`INSERT INTO "roles" ("name", "description", "permissions", "builtin") VALUES ($1, $2, $3, true)`, [name, description, permissions]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "api_keys"`);
    await q.query(`DROP TABLE "user_roles"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`DROP TABLE "roles"`);
  }
}
