import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { RoleEntity } from '../entities/role.entity';
import { validatePermissionMap, type PermissionMap } from '../permissions/permissions';
import { RoleRepository } from '../repositories/role.repository';
import { AuthDirectory } from './auth-directory';

const ROLE_NAME = /^[a-z][a-z0-9_-]{0,31}$/;

@Injectable()
export class RoleService {
  constructor(
    private readonly roles: RoleRepository,
    private readonly directory: AuthDirectory,
  ) {}

  list(): Promise<RoleEntity[]> {
    return this.roles.list();
  }

  async create(input: { name: string; description?: string; permissions: PermissionMap }): Promise<RoleEntity> {
    if (!ROLE_NAME.test(input.name ?? '')) throw new BadRequestException('name must be 1-32 lower-case letters, digits, _ or -, starting with a letter');
    this.checkPermissions(input.permissions);
    if (await this.roles.get(input.name)) throw new ConflictException(`role "${input.name}" already exists`);
    return this.roles.save(Object.assign(new RoleEntity(), { name: input.name, description: input.description ?? '', permissions: input.permissions, builtin: false }));
  }

  async update(name: string, changes: { description?: string; permissions?: PermissionMap }): Promise<RoleEntity> {
    const role = await this.roles.get(name);
    if (!role) throw new NotFoundException(`no role "${name}"`);
    if (changes.permissions !== undefined) {
      this.checkPermissions(changes.permissions);
      role.permissions = changes.permissions;
    }
    if (changes.description !== undefined) role.description = changes.description;
    const saved = await this.roles.save(role);
    this.directory.forgetAll();
    return saved;
  }

  async delete(name: string): Promise<void> {
    const role = await this.roles.get(name);
    if (!role) throw new NotFoundException(`no role "${name}"`);
    if (role.builtin) throw new ConflictException(`role "${name}" is built in; edit its permissions instead`);
    await this.roles.delete(name);
    this.directory.forgetAll();
  }

  private checkPermissions(map: PermissionMap): void {
    const problems = validatePermissionMap(map);
    if (problems.length) throw new BadRequestException(problems);
  }
}
