import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { In, IsNull, Raw, type FindOptionsWhere } from 'typeorm';
import type { Principal } from '@app/auth';
import type { Owned } from '../entities/owned';
import { NO_PERMISSION, NOT_FOUND } from '../http/arcsecond-errors';
import type { ArchiveCaller } from '../http/portal';
import type { ArchiveRepository, Scope } from '../repositories/archive-repository';
import { MembershipRepository } from '../repositories/organisation.repositories';

/** Where a new row goes: its owner and, when it was made inside a portal, that organisation. */
export interface Ownership {
  owner: string | null;
  organisation: string | null;
}

/**
 * The one place that decides who sees which archive rows (datasets, data files, night logs,
 * observations, calibrations). Administrators and trusted loopback callers see everything; a user
 * sees the rows they own and those of the organisations they are a member of (any role); rows without an owner (made before
 * ownership existed, or filed by the server itself such as equipment captures) are seen by
 * administrators only. A dataset its owner marks public (`is_public`) is seen, with its data files,
 * observations and calibrations, by every caller holding archive:read, but changed only as before.
 * Everything else does not exist for the caller: a 404 `Not found.`, never a 403, as Arcsecond
 * answers for other people's objects; a public object the caller may not change is a 403.
 * Writes use the scope without public rows (`where`), reads add them (`readable`).
 */
/** Roles that may add to an organisation's archive (Arcsecond: members and above). */
const WRITING_ROLES = new Set(['member', 'admin', 'owner']);

/**
 * How a table's rows become public: a dataset by its own flag, a data file or frame through its
 * dataset's; other tables (night logs, targets, target lists) never are.
 */
export type Publicity = 'dataset' | 'in-dataset' | 'never';

const PUBLIC_DATASETS = `SELECT "uuid" FROM "archive_datasets" WHERE "is_public"`;

function publicBranch<E extends Owned>(publicity: Publicity): FindOptionsWhere<E> | undefined {
  if (publicity === 'dataset') return { isPublic: true } as unknown as FindOptionsWhere<E>;
  if (publicity === 'in-dataset') return { dataset: Raw((column) => `${column} IN (${PUBLIC_DATASETS})`) } as unknown as FindOptionsWhere<E>;
  return undefined;
}

/** A scope no row is in. */
const nothing = <E extends Owned>(): Scope<E> => [{ owner: Raw(() => 'FALSE') } as FindOptionsWhere<E>];

/** Skygate administrators and trusted loopback callers: they see and manage the whole archive. */
export function isArchiveAdministrator(principal: Principal): boolean {
  return principal.via === 'loopback' || principal.user?.isAdmin === true;
}

@Injectable()
export class ArchiveVisibility {
  constructor(private readonly memberships: MembershipRepository) {}

  /**
   * The repository scope of what the caller may see: one `where` branch per way of seeing a row,
   * OR-ed by TypeORM and merged with the route's filters by the repository.
   */
  async where<E extends Owned>(principal: ArchiveCaller): Promise<Scope<E>> {
    if (principal.portal) return (await this.mayEnter(principal)) ? [{ organisation: principal.portal.uuid } as FindOptionsWhere<E>] : nothing<E>();
    if (isArchiveAdministrator(principal)) return [{}];
    const user = principal.user?.id;
    // A principal without a user (none exists today besides loopback) sees nothing.
    if (!user) return nothing<E>();
    const organisations = (await this.memberships.ofUser(user)).map((m) => m.organisation);
    return [{ owner: user } as FindOptionsWhere<E>, ...(organisations.length ? [{ organisation: In(organisations) } as FindOptionsWhere<E>] : [])];
  }

  /** What the caller may read: what it may write, plus public rows outside a portal. */
  async readable<E extends Owned>(principal: ArchiveCaller, publicity: Publicity): Promise<Scope<E>> {
    const scope = await this.where<E>(principal);
    const open = publicBranch<E>(publicity);
    return open && !principal.portal && !isArchiveAdministrator(principal) ? [...scope, open] : scope;
  }

  /**
   * The write scope of one row: 404 when the caller cannot see it, 403 when it sees it only
   * because it is public.
   */
  async writable<E extends Owned>(repo: ArchiveRepository<E>, id: E[keyof E], principal: ArchiveCaller, publicity: Publicity): Promise<Scope<E>> {
    const scope = await this.where<E>(principal);
    if (await repo.exists(id, scope)) return scope;
    if (publicity !== 'never' && (await repo.exists(id, await this.readable<E>(principal, publicity)))) throw new ForbiddenException({ detail: NO_PERMISSION });
    throw new NotFoundException({ detail: NOT_FOUND });
  }

  /**
   * The space a caller's new rows go to: its user (an upload key writes into its owner's space),
   * inside the portal's organisation under a portal prefix. Writing in a portal takes a member's
   * role or more (Arcsecond: visitors do not create datasets); others get 404, as for what they cannot see.
   */
  async ownershipFor(principal: ArchiveCaller): Promise<Ownership> {
    const owner = principal.user?.id ?? null;
    if (!principal.portal) return { owner, organisation: null };
    const role = owner ? (await this.memberships.find(principal.portal.uuid, owner))?.role : undefined;
    if (!isArchiveAdministrator(principal) && !(role && WRITING_ROLES.has(role))) throw new NotFoundException({ detail: NOT_FOUND });
    return { owner, organisation: principal.portal.uuid };
  }

  /** Members of the portal's organisation (any role) and administrators see inside it. */
  private async mayEnter(principal: ArchiveCaller): Promise<boolean> {
    if (isArchiveAdministrator(principal)) return true;
    return !!principal.user && !!(await this.memberships.find(principal.portal!.uuid, principal.user.id));
  }

  /** The space of a row made from another (a data file in a dataset, its observation, its night log). */
  ownershipOf(row: Owned): Ownership {
    return { owner: row.owner, organisation: row.organisation };
  }

  /** The scope of exactly this space (rows made alongside one another meet there; null matches rows without one). */
  space<E extends Owned>(ownership: Ownership): Scope<E> {
    return [{ owner: ownership.owner ?? IsNull(), organisation: ownership.organisation ?? IsNull() } as FindOptionsWhere<E>];
  }
}
