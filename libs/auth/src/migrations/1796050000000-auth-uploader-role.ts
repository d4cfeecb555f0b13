import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The uploader role as first seeded: archive:update let it PATCH and DELETE archive data. */
const SEEDED = { sync: ['update'], archive: ['update'] };
/** Uploads only: signed SyncAPI uploads and the upload routes (upload:update), nothing else. */
const UPLOADS_ONLY = { sync: ['update'], upload: ['update'] };

/** Narrows the built-in uploader role to uploading, unless an admin already edited it. */
export class AuthUploaderRole1796050000000 implements MigrationInterface {
  name = 'AuthUploaderRole1796050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "roles" SET "permissions" = $1::jsonb, "description" = $2 WHERE "name" = 'uploader' AND "builtin" AND "permissions" = $3::jsonb`, [
      JSON.stringify(UPLOADS_ONLY),
      'Uploads to the sync receiver and the archive (finds its dataset and telescope by name, creates datasets, uploads files), nothing else',
      JSON.stringify(SEEDED),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "roles" SET "permissions" = $1::jsonb WHERE "name" = 'uploader' AND "builtin" AND "permissions" = $2::jsonb`, [JSON.stringify(SEEDED), JSON.stringify(UPLOADS_ONLY)]);
  }
}
