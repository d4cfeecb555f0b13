import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { MembershipEntity, OrganisationEntity, type OrganisationRole } from '../entities/organisation.entities';
import { archiveRepositoryOf } from './archive-repository';

@Injectable()
export class OrganisationRepository extends archiveRepositoryOf(OrganisationEntity, 'uuid', { createdAt: 'ASC' }) {
  findBySubdomain(subdomain: string): Promise<OrganisationEntity | null> {
    return this.repo.findOneBy({ subdomain });
  }
}

@Injectable()
export class MembershipRepository {
  constructor(@InjectRepository(MembershipEntity) private readonly repo: Repository<MembershipEntity>) {}

  /** Adds the member, or changes its role. */
  async upsert(organisation: string, userId: string, role: OrganisationRole): Promise<MembershipEntity> {
    await this.repo.upsert({ organisation, userId, role }, ['organisation', 'userId']);
    return (await this.find(organisation, userId))!;
  }

  async remove(organisation: string, userId: string): Promise<void> {
    await this.repo.delete({ organisation, userId });
  }

  find(organisation: string, userId: string): Promise<MembershipEntity | null> {
    return this.repo.findOneBy({ organisation, userId });
  }

  ofOrganisation(organisation: string): Promise<MembershipEntity[]> {
    return this.repo.find({ where: { organisation }, order: { createdAt: 'ASC' } });
  }

  ofUser(userId: string): Promise<MembershipEntity[]> {
    return this.repo.find({ where: { userId }, order: { createdAt: 'ASC' } });
  }
}
