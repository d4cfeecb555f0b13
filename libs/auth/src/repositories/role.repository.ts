import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { RoleEntity } from '../entities/role.entity';

@Injectable()
export class RoleRepository {
  constructor(@InjectRepository(RoleEntity) private readonly roles: Repository<RoleEntity>) {}

  list(): Promise<RoleEntity[]> {
    return this.roles.find({ order: { name: 'ASC' } });
  }

  get(name: string): Promise<RoleEntity | null> {
    return this.roles.findOneBy({ name });
  }

  async existing(names: string[]): Promise<string[]> {
    if (!names.length) return [];
    return (await this.roles.findBy({ name: In(names) })).map((r) => r.name);
  }

  save(role: RoleEntity): Promise<RoleEntity> {
    return this.roles.save(role);
  }

  async delete(name: string): Promise<boolean> {
    return ((await this.roles.delete({ name })).affected ?? 0) > 0;
  }
}
