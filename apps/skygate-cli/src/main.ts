import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError, loadConfig, readPackageVersion } from '@app/core';
import type { ApiKeyScope } from '@app/auth';
import { isSyncAssetType, runSyncPush } from '@app/sync-api';
import { migrate } from './commands/migrate';
import { OPENAPI_PATH, writeOpenApi } from './commands/openapi';
import { readPassword, UsersCli } from './commands/users';

const program = new Command('skygate-cli').description('Skygate administration').version(readPackageVersion());

program
  .command('migrate')
  .description('apply pending database migrations (DATABASE_URL, or the embedded database in DATA_DIR)')
  .action(async () => {
    await migrate(loadConfig());
  });

program
  .command('openapi')
  .description('write the OpenAPI document the code declares (no port, no database)')
  .option('-o, --out <file>', 'output file', OPENAPI_PATH)
  .action(async (opts: { out: string }) => {
    await writeOpenApi(opts.out);
  });

/** Runs one users verb with a Nest context on the configured database, closed afterwards. */
async function withUsers(action: (cli: UsersCli) => Promise<unknown>): Promise<void> {
  const { cli, close } = await UsersCli.open(loadConfig());
  try {
    await action(cli);
  } finally {
    await close();
  }
}

const users = program.command('users').description('manage users and API keys (the indi-allsky usertool verbs)');
const collect = (value: string, previous: string[] = []) => [...previous, value];

users
  .command('add <username>')
  .description('add a user; the password is prompted without echo, or read from standard input')
  .option('--admin', 'give every permission')
  .option('--role <name>', 'assign a role (repeatable): admin, operator, viewer, uploader or your own', collect)
  .option('--full-name <name>')
  .option('--email <address>')
  .action(async (username: string, o: { admin?: boolean; role?: string[]; fullName?: string; email?: string }) => {
    const password = await readPassword();
    await withUsers((cli) => cli.add(username, password, { admin: o.admin, roles: o.role, fullName: o.fullName, email: o.email }));
  });
users.command('list').description('list users').action(() => withUsers((cli) => cli.list()));
users.command('delete <username>').description('delete a user and its API keys').action((u: string) => withUsers((cli) => cli.delete(u)));
users
  .command('passwd <username>')
  .description('set a new password (prompted, or from standard input); ends the user\'s sessions')
  .action(async (u: string) => {
    const password = await readPassword();
    await withUsers((cli) => cli.passwd(u, password));
  });
for (const [verb, flag, value, text] of [
  ['setadmin', 'isAdmin', true, 'make a user an admin'],
  ['removeadmin', 'isAdmin', false, 'take admin away'],
  ['setactive', 'isActive', true, 'let a user sign in again'],
  ['setinactive', 'isActive', false, 'stop a user from signing in; ends its sessions and keys'],
] as const) {
  users.command(`${verb} <username>`).description(text).action((u: string) => withUsers((cli) => cli.setFlag(u, flag, value)));
}
users
  .command('genapikey <username>')
  .description('create an API key and print it once')
  .option('--scope <scope>', 'full, or upload (accepted only by upload routes)', 'full')
  .option('--name <name>', 'a name to recognise the key by')
  .option('--signing', 'also usable to sign indi-allsky SyncAPI uploads (kept encrypted as well as hashed)')
  .action((u: string, o: { scope: string; name?: string; signing?: boolean }) => {
    if (o.scope !== 'full' && o.scope !== 'upload') throw new Error(`--scope must be full or upload, not "${o.scope}"`);
    return withUsers((cli) => cli.genApiKey(u, { scope: o.scope as ApiKeyScope, name: o.name, signing: o.signing }));
  });
users
  .command('revoke <username> <key>')
  .description('revoke an API key, given its id or its prefix as listed')
  .action((u: string, key: string) => withUsers((cli) => cli.revoke(u, key)));

const sync = program.command('sync').description('indi-allsky SyncAPI uploads');
sync
  .command('push <files...>')
  .description('queue files for upload to the SyncAPI remote (SYNC_REMOTE_URL of the running server) and show progress until sent')
  .requiredOption('--type <type>', 'image, video, minivideo, keogram, startrail, startrailvideo, rawimage, fitsimage, panoramaimage, panoramavideo or thumbnail')
  .requiredOption('--camera <uuid>', 'the camera uuid the files belong to')
  .option('--camera-name <name>', 'camera name to register on the remote')
  .option('--day', 'the files are daytime captures (default: night)')
  .option('--server <url>', 'the local Skygate', `http://127.0.0.1:${process.env.PORT ?? '8090'}`)
  .option('--no-wait', 'queue and return at once')
  .action(async (files: string[], o: { type: string; camera: string; cameraName?: string; day?: boolean; server: string; wait: boolean }) => {
    if (!isSyncAssetType(o.type)) throw new Error(`--type must be a SyncAPI file type, not "${o.type}"`);
    const failed = await runSyncPush({ ...o, files, night: !o.day, apiKey: process.env.SKYGATE_API_KEY, out: process.stderr });
    if (failed > 0) process.exitCode = 1;
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`skygate-cli: ${err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof ConfigError ? 78 : 1);
});
