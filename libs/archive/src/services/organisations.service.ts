import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { UserService, type Principal } from '@app/auth';
import type { AddMemberDto, CreateOrganisationDto, MemberDto } from '../dtos/organisation.dto';
import type { MembershipEntity, OrganisationEntity } from '../entities/organisation.entities';
import { NO_PERMISSION, NOT_FOUND } from '../http/arcsecond-errors';
import { MembershipRepository, OrganisationRepository } from '../repositories/organisation.repositories';
import { isArchiveAdministrator } from './archive-visibility';

/** Roles that may manage an organisation's members (besides Skygate administrators). */
const MANAGING_ROLES = new Set(['admin', 'owner']);

/** Organisations (Arcsecond portals), their members and roles. */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly memberships: MembershipRepository,
    private readonly users: UserService,
  ) {}

  /** The organisation of a subdomain, or Arcsecond's 404. */
  async get(subdomain: string): Promise<OrganisationEntity> {
    const organisation = await this.organisations.findBySubdomain(subdomain);
    if (!organisation) throw new NotFoundException({ detail: NOT_FOUND });
    return organisation;
  }

  /** Administrators see every organisation, a user those it belongs to. */
  async list(p: Principal): Promise<OrganisationEntity[]> {
    const all = (await this.organisations.list({})).items;
    if (isArchiveAdministrator(p)) return all;
    const mine = new Set(await this.organisationIdsOf(p.user?.id));
    return all.filter((o) => mine.has(o.uuid));
  }

  async create(p: Principal, dto: CreateOrganisationDto): Promise<OrganisationEntity> {
    if (!isArchiveAdministrator(p)) throw new ForbiddenException({ detail: NO_PERMISSION });
    if (await this.organisations.findBySubdomain(dto.subdomain)) throw new BadRequestException({ detail: `organisation with this subdomain already exists.` });
    const organisation = await this.organisations.create({ subdomain: dto.subdomain, name: dto.name });
    if (p.user) await this.memberships.upsert(organisation.uuid, p.user.id, 'owner');
    return organisation;
  }

  async members(p: Principal, subdomain: string): Promise<MemberDto[]> {
    const organisation = await this.get(subdomain);
    if (!isArchiveAdministrator(p) && !(await this.roleOf(organisation.uuid, p.user?.id))) throw new NotFoundException({ detail: NOT_FOUND });
    return Promise.all((await this.memberships.ofOrganisation(organisation.uuid)).map((m) => this.present(m)));
  }

  /** Adds a member or changes its role: Skygate administrators and the organisation's admins and owners may. */
  async addMember(p: Principal, subdomain: string, dto: AddMemberDto): Promise<MemberDto> {
    const organisation = await this.get(subdomain);
    const role = await this.roleOf(organisation.uuid, p.user?.id);
    if (!isArchiveAdministrator(p) && !(role && MANAGING_ROLES.has(role))) throw new ForbiddenException({ detail: NO_PERMISSION });
    const user = await this.users.getByUsername(dto.username).catch(() => undefined);
    if (!user) throw new BadRequestException({ detail: `user ${dto.username} does not exist.` });
    return this.present(await this.memberships.upsert(organisation.uuid, user.id, dto.role));
  }

  /** The organisations a user belongs to (ids), for what it may see. */
  async organisationIdsOf(userId: string | undefined): Promise<string[]> {
    return userId ? (await this.memberships.ofUser(userId)).map((m) => m.organisation) : [];
  }

  /** The user's memberships with their organisations, as Arcsecond's profile lists them. */
  async membershipsOf(userId: string): Promise<{ role: string; organisation: OrganisationEntity }[]> {
    const rows = await this.memberships.ofUser(userId);
    return Promise.all(rows.map(async (m) => ({ role: m.role, organisation: await this.organisations.get(m.organisation) })));
  }

  async roleOf(organisation: string, userId: string | undefined): Promise<string | undefined> {
    return userId ? (await this.memberships.find(organisation, userId))?.role : undefined;
  }

  private async present(m: MembershipEntity): Promise<MemberDto> {
    return { username: (await this.users.get(m.userId)).username, role: m.role };
  }
}
