import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The channel every Skygate process LISTENs on (AuthChangeListener). */
export const AUTH_CHANGE_CHANNEL = 'skygate_auth';

const TRIGGERS: [table: string, events: string][] = [
  ['users', 'UPDATE OR DELETE'],
  ['user_roles', 'INSERT OR UPDATE OR DELETE'],
  ['roles', 'UPDATE OR DELETE'],
  ['api_keys', 'UPDATE OR DELETE'],
];

/**
 * Every write that can change what a credential may do NOTIFYs the auth channel, whoever wrote it
 * (the server, the CLI beside it, another server on the same database), so cached credentials and
 * open websockets in every process learn of it at once. Payloads: {"user": id}, {"key": hash,
 * "user": id} or {"all": true}. A key's last-used stamp changes nothing and notifies nobody.
 */
export class AuthChangeNotify1796000000000 implements MigrationInterface {
  name = 'AuthChangeNotify1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION "skygate_auth_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        r record;
        payload json;
      BEGIN
        IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
        IF TG_TABLE_NAME = 'users' THEN
          payload := json_build_object('user', r.id);
        ELSIF TG_TABLE_NAME = 'user_roles' THEN
          payload := json_build_object('user', r.user_id);
        ELSIF TG_TABLE_NAME = 'api_keys' THEN
          IF TG_OP = 'UPDATE' THEN
            IF OLD.revoked_at IS NOT DISTINCT FROM NEW.revoked_at AND OLD.scope = NEW.scope AND OLD.user_id = NEW.user_id THEN
              RETURN NULL;
            END IF;
          END IF;
          payload := json_build_object('key', r.key_hash, 'user', r.user_id);
        ELSE
          payload := json_build_object('all', true);
        END IF;
        PERFORM pg_notify('${AUTH_CHANGE_CHANNEL}', payload::text);
        RETURN NULL;
      END $$`);
    for (const [table, events] of TRIGGERS) {
      await q.query(`CREATE TRIGGER "skygate_auth_notify_${table}" AFTER ${events} ON "${table}" FOR EACH ROW EXECUTE FUNCTION "skygate_auth_notify"()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of TRIGGERS) await q.query(`DROP TRIGGER "skygate_auth_notify_${table}" ON "${table}"`);
    await q.query(`DROP FUNCTION "skygate_auth_notify"()`);
  }
}
