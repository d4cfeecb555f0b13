import { Injectable } from '@nestjs/common';
import { IsNull, Raw, type FindOptionsWhere } from 'typeorm';
import type { Principal } from '@app/auth';
import type { Owned } from '../entities/owned';
import type { Scope } from '../repositories/archive-repository';

/** Where a new row goes: its owner and, when it was made inside a portal, that organisation. */
export interface Ownership {
  owner: string | null;
  organisation: string | null;
}

/**
 * The one place that decides who sees which archive rows (datasets, data files, night logs,
 * observations, calibrations). Administrators and trusted loopback callers see everything; a user
 * sees the rows they own and those of their organisations; rows without an owner (made before
 * ownership existed, or filed by the server itself such as equipment captures) are seen by
 * administrators only. Everything else does not exist for the caller: a 404 `Not found.`, never a
 * 403, as Arcsecond answers for other people's objects. Writes use the same scope, so what a
 * caller cannot see it cannot change or delete either.
 */
@Injectable()
export class ArchiveVisibility {
  /** True when the caller sees every row. */
  seesAll(principal: Principal): boolean {
    return principal.via === 'loopback' || principal.user?.isAdmin === true;
  }

  /**
   * The repository scope of what the caller may see: one `where` branch per way of seeing a row,
   * OR-ed by TypeORM and merged with the route's filters by the repository.
   */
  where<E extends Owned>(principal: Principal): Scope<E> {
    if (this.seesAll(principal)) return [{}];
    const user = principal.user?.id;
    // A principal without a user (none exists today besides loopback) sees nothing.
    if (!user) return [{ owner: Raw(() => 'FALSE') } as FindOptionsWhere<E>];
    return [{ owner: user } as FindOptionsWhere<E>];
  }

  /** The space a caller's new rows go to: its user (an upload key writes into its owner's space). */
  ownershipFor(principal: Principal): Ownership {
    return { owner: principal.user?.id ?? null, organisation: null };
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
