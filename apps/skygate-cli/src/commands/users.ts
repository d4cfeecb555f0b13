import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiKeyService, AuthCoreModule, UserAdminService, UserService, type ApiKeyScope } from '@app/auth';
import { CoreModule, type AppConfig } from '@app/core';
import { MIGRATIONS } from '../../../skygate/src/migrations';
import { readPassword } from '../password-input';

@Module({})
class UsersCliModule {
  static forRoot(config: AppConfig): DynamicModule {
    const quiet = { write: () => undefined };
    return { module: UsersCliModule, imports: [CoreModule.forRoot({ config, migrations: MIGRATIONS, logDestination: quiet }), AuthCoreModule] };
  }
}

/** The indi-allsky usertool verbs, on Skygate's user model. Each method prints to `out`. */
export class UsersCli {
  private readonly users: UserService;
  private readonly admin: UserAdminService;
  private readonly keys: ApiKeyService;

  constructor(
    context: INestApplicationContext,
    private readonly out: NodeJS.WritableStream = process.stdout,
  ) {
    this.users = context.get(UserService);
    this.admin = context.get(UserAdminService);
    this.keys = context.get(ApiKeyService);
  }

  static async open(config: AppConfig): Promise<{ cli: UsersCli; close: () => Promise<void> }> {
    const context = await NestFactory.createApplicationContext(UsersCliModule.forRoot(config), { logger: false, abortOnError: false });
    return { cli: new UsersCli(context), close: () => context.close() };
  }

  async add(username: string, password: string, options: { admin?: boolean; roles?: string[]; fullName?: string; email?: string }): Promise<void> {
    const user = await this.users.create({ username, password, isAdmin: options.admin, roles: options.roles, fullName: options.fullName, email: options.email });
    this.print(`added ${user.username} (id ${user.id}${user.isAdmin ? ', admin' : ''}${user.roles.length ? `, roles ${user.roles.map((r) => r.name).join(', ')}` : ''})`);
  }

  async list(): Promise<void> {
    const rows = await this.admin.list();
    this.print(['id\tusername\tactive\tadmin\troles\tfull name\temail', ...rows.map((u) => [u.id, u.username, u.isActive, u.isAdmin, u.roles.join(',') || '-', u.fullName ?? '-', u.email ?? '-'].join('\t'))].join('\n'));
  }

  async delete(username: string): Promise<void> {
    const user = await this.users.getByUsername(username);
    await this.users.delete(user.id);
    this.print(`deleted ${username}`);
  }

  async passwd(username: string, password: string): Promise<void> {
    const user = await this.users.getByUsername(username);
    await this.users.update(user.id, { password });
    this.print(`password of ${username} changed; its sessions have ended`);
  }

  async setFlag(username: string, flag: 'isAdmin' | 'isActive', value: boolean): Promise<void> {
    const user = await this.users.getByUsername(username);
    await this.users.update(user.id, { [flag]: value });
    this.print(`${username}: ${flag === 'isAdmin' ? 'admin' : 'active'} = ${value}`);
  }

  /** Prints a new key once, alone on the last line so scripts can take it with `tail -1`. */
  async genApiKey(username: string, options: { scope?: ApiKeyScope; name?: string; signing?: boolean }): Promise<string> {
    const user = await this.users.getByUsername(username);
    const scope = options.scope ?? 'full';
    const { key, entity } = await this.keys.create(user.id, { name: options.name ?? `${scope} key`, scope, signing: options.signing });
    this.print(`API key "${entity.name}" for ${username} (id ${entity.id}, scope ${scope}${entity.encryptedKey ? ', signing' : ''}). It is shown only now:\n${key}`);
    return key;
  }

  async revoke(username: string, keyIdOrPrefix: string): Promise<void> {
    const user = await this.users.getByUsername(username);
    const matches = (await this.keys.list(user.id)).filter((k) => k.id === keyIdOrPrefix || k.keyPrefix === keyIdOrPrefix);
    if (matches.length !== 1) throw new Error(matches.length ? `"${keyIdOrPrefix}" matches ${matches.length} keys; use the id` : `${username} has no API key "${keyIdOrPrefix}"`);
    await this.keys.revoke(user.id, matches[0].id);
    this.print(`revoked API key ${matches[0].id} of ${username}`);
  }

  private print(text: string): void {
    this.out.write(`${text}\n`);
  }
}

export { readPassword };
