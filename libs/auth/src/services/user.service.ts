import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Clock } from '@app/core';
import { PasswordHasher } from '../crypto/password-hasher';
import type { UserEntity } from '../entities/user.entity';
import { RoleRepository } from '../repositories/role.repository';
import { UserRepository, type UserChanges } from '../repositories/user.repository';
import { AuthDirectory } from './auth-directory';

/** indi-allsky's usertool rules, plus ':' refused (the SyncAPI header splits user:signature on it). */
const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
export const MIN_PASSWORD_LENGTH = 8;

export interface NewUserInput {
  username: string;
  password: string;
  fullName?: string;
  email?: string;
  isAdmin?: boolean;
  isActive?: boolean;
  roles?: string[];
}

export interface UserUpdate {
  fullName?: string | null;
  email?: string | null;
  isAdmin?: boolean;
  isActive?: boolean;
  password?: string;
}

@Injectable()
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly roles: RoleRepository,
    private readonly hasher: PasswordHasher,
    private readonly directory: AuthDirectory,
    private readonly clock: Clock,
  ) {}

  async create(input: NewUserInput): Promise<UserEntity> {
    if (!USERNAME.test(input.username ?? '')) throw new BadRequestException('username must be 1-64 characters of letters, digits and . _ @ - (no spaces or colons)');
    this.checkPassword(input.password);
    this.checkEmail(input.email);
    const roles = await this.checkRoles(input.roles ?? []);
    if (await this.users.findByUsername(input.username)) throw new ConflictException(`username "${input.username}" already exists`);
    return this.users.create(
      {
        username: input.username,
        passwordHash: await this.hasher.hash(input.password),
        fullName: input.fullName ?? null,
        email: input.email ?? null,
        isAdmin: input.isAdmin ?? false,
        isActive: input.isActive ?? true,
        tokensValidAfter: this.clock.now(),
      },
      roles,
    );
  }

  list(): Promise<UserEntity[]> {
    return this.users.list();
  }

  count(): Promise<number> {
    return this.users.count();
  }

  async get(id: string): Promise<UserEntity> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundException(`no user ${id}`);
    return user;
  }

  async getByUsername(username: string): Promise<UserEntity> {
    const user = await this.users.findByUsername(username);
    if (!user) throw new NotFoundException(`no user named "${username}"`);
    return user;
  }

  async update(id: string, update: UserUpdate): Promise<UserEntity> {
    const user = await this.get(id);
    const changes: UserChanges = {};
    if (update.fullName !== undefined) changes.fullName = update.fullName;
    if (update.email !== undefined) {
      this.checkEmail(update.email ?? undefined);
      changes.email = update.email;
    }
    if (update.isAdmin !== undefined) changes.isAdmin = update.isAdmin;
    if (update.isActive !== undefined) changes.isActive = update.isActive;
    if (update.password !== undefined) {
      this.checkPassword(update.password);
      changes.passwordHash = await this.hasher.hash(update.password);
    }
    // A new password or deactivation ends every session: tokens issued before now stop working.
    if (update.password !== undefined || update.isActive === false) changes.tokensValidAfter = this.clock.now();
    if (Object.keys(changes).length) await this.users.update(user.id, changes);
    this.directory.forgetAll(); // the user's keys resolve through the user entry too
    return this.get(id);
  }

  async setRoles(id: string, roleNames: string[]): Promise<UserEntity> {
    await this.get(id);
    await this.users.setRoles(id, await this.checkRoles(roleNames));
    this.directory.forgetUser(id);
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.users.delete(id))) throw new NotFoundException(`no user ${id}`);
    this.directory.forgetAll();
  }

  private checkPassword(password: string | undefined): void {
    if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
      throw new BadRequestException(`password must have at least ${MIN_PASSWORD_LENGTH} characters`);
    }
  }

  private checkEmail(email: string | undefined): void {
    if (email && !EMAIL.test(email)) throw new BadRequestException(`"${email}" is not an email address`);
  }

  private async checkRoles(names: string[]): Promise<string[]> {
    const unique = [...new Set(names)];
    const known = await this.roles.existing(unique);
    const unknown = unique.filter((n) => !known.includes(n));
    if (unknown.length) throw new BadRequestException(`unknown role(s): ${unknown.join(', ')}`);
    return unique;
  }
}
