import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { UserService, type Principal } from '@app/auth';
import type { AddMemberDto, CreateOrganisationDto, MemberDto } from '../dtos/organisation.dto';
import type { MembershipEntity, OrganisationEntity, OrganisationRole } from '../entities/organisation.entities';
import { fieldError, NO_PERMISSION, NOT_FOUND } from '../http/arcsecond-errors';
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
    if (await this.organisations.findBySubdomain(dto.subdomain)) throw fieldError('subdomain', 'organisation with this subdomain already exists.');
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
    const m = await this.setMember(p, await this.get(subdomain), dto.username, dto.role);
    return { username: dto.username, role: m.role };
  }

  async setMember(p: Principal, organisation: OrganisationEntity, username: string, role: OrganisationRole): Promise<MembershipEntity> {
    await this.assertManager(p, organisation);
    const user = await this.users.getByUsername(username).catch(() => undefined);
    if (!user) throw fieldError('username', `user ${username} does not exist.`);
    return this.memberships.upsert(organisation.uuid, user.id, role);
  }

  async removeMember(p: Principal, organisation: OrganisationEntity, username: string): Promise<void> {
    await this.assertManager(p, organisation);
    await this.memberships.remove(organisation.uuid, (await this.memberOf(p, organisation, username)).userId);
  }

  /** The memberships of an organisation, for its members and administrators (others: 404, as for what they cannot see). */
  async membershipsIn(p: Principal, organisation: OrganisationEntity): Promise<MembershipEntity[]> {
    if (!isArchiveAdministrator(p) && !(await this.roleOf(organisation.uuid, p.user?.id))) throw new NotFoundException({ detail: NOT_FOUND });
    return this.memberships.ofOrganisation(organisation.uuid);
  }

  /** One member of an organisation, seen by its members and administrators. */
  async memberOf(p: Principal, organisation: OrganisationEntity, username: string): Promise<MembershipEntity> {
    const user = await this.users.getByUsername(username).catch(() => undefined);
    const found = user && (await this.membershipsIn(p, organisation)).find((m) => m.userId === user.id);
    if (!found) throw new NotFoundException({ detail: NOT_FOUND });
    return found;
  }

  /** The memberships of the caller itself. */
  async membershipsOfCaller(p: Principal): Promise<MembershipEntity[]> {
    return p.user ? this.memberships.ofUser(p.user.id) : [];
  }

  /** A membership with names, as `members/` and profiles show it. */
  async describe(m: MembershipEntity): Promise<{ username: string; role: OrganisationRole; date_joined: string; organisation: { subdomain: string; name: string } }> {
    const organisation = await this.organisations.get(m.organisation);
    return { username: (await this.users.get(m.userId)).username, role: m.role, date_joined: m.createdAt.toISOString().slice(0, 10), organisation: { subdomain: organisation.subdomain, name: organisation.name } };
  }

  private async assertManager(p: Principal, organisation: OrganisationEntity): Promise<void> {
    const role = await this.roleOf(organisation.uuid, p.user?.id);
    if (!isArchiveAdministrator(p) && !(role && MANAGING_ROLES.has(role))) throw new ForbiddenException({ detail: NO_PERMISSION });
  }

  /** The organisations a user belongs to (ids), for what it may see. */
  async organisationIdsOf(userId: string | undefined): Promise<string[]> {
    return userId ? (await this.memberships.ofUser(userId)).map((m) => m.organisation) : [];
  }

  /** The user's memberships with their organisations, as Arcsecond's profile lists them. */
  async membershipsOf(userId: string): Promise<{ role: string; date_joined: string; organisation: { subdomain: string; name: string } }[]> {
    return Promise.all((await this.memberships.ofUser(userId)).map(async (m) => (({ role, date_joined, organisation }) => ({ role, date_joined, organisation }))(await this.describe(m))));
  }

  async roleOf(organisation: string, userId: string | undefined): Promise<string | undefined> {
    return userId ? (await this.memberships.find(organisation, userId))?.role : undefined;
  }

  private async present(m: MembershipEntity): Promise<MemberDto> {
    return { username: (await this.users.get(m.userId)).username, role: m.role };
  }
}
