import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { RoleEntity } from '../entities/role.entity';
import { UserEntity } from '../entities/user.entity';

export type NewUser = Pick<UserEntity, 'username' | 'passwordHash'> & Partial<Pick<UserEntity, 'fullName' | 'email' | 'isActive' | 'isAdmin' | 'tokensValidAfter'>>;
export type UserChanges = Partial<Pick<UserEntity, 'fullName' | 'email' | 'isActive' | 'isAdmin' | 'passwordHash' | 'tokensValidAfter'>>;

/** Users and their role assignments: the only place that touches those tables. */
@Injectable()
export class UserRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(RoleEntity) private readonly roles: Repository<RoleEntity>,
  ) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { id }, relations: { roles: true } });
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { username }, relations: { roles: true } });
  }

  list(): Promise<UserEntity[]> {
    return this.users.find({ relations: { roles: true }, order: { username: 'ASC' } });
  }

  count(): Promise<number> {
    return this.users.count();
  }

  async create(user: NewUser, roleNames: string[] = []): Promise<UserEntity> {
    return this.users.manager.transaction(async (em) => {
      const saved = await em.save(UserEntity, em.create(UserEntity, user));
      if (roleNames.length) {
        saved.roles = await em.findBy(RoleEntity, { name: In(roleNames) });
        await em.save(UserEntity, saved);
      }
      return (await em.findOne(UserEntity, { where: { id: saved.id }, relations: { roles: true } }))!;
    });
  }

  async update(id: string, changes: UserChanges): Promise<void> {
    await this.users.update({ id }, changes);
  }

  async setRoles(id: string, roleNames: string[]): Promise<void> {
    const user = await this.users.findOne({ where: { id }, relations: { roles: true } });
    if (!user) return;
    user.roles = roleNames.length ? await this.roles.findBy({ name: In(roleNames) }) : [];
    await this.users.save(user);
  }

  async delete(id: string): Promise<boolean> {
    return ((await this.users.delete({ id })).affected ?? 0) > 0;
  }
}
