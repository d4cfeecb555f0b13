import { Injectable } from '@nestjs/common';
import { UserService } from '@app/auth';
import type { Owned } from '../entities/owned';
import { OrganisationRepository } from '../repositories/organisation.repositories';

/** The names Arcsecond shows for a row's space: its owner's username (`profile`) and organisation's subdomain. */
export interface SpaceNames {
  profile: string | null;
  organisation: string | null;
}

/** Resolves owners and organisations of rows to their names, once per id for a whole answer. */
@Injectable()
export class OwnerNames {
  constructor(
    private readonly users: UserService,
    private readonly organisations: OrganisationRepository,
  ) {}

  async of(rows: Owned[]): Promise<(row: Owned) => SpaceNames> {
    const users = new Map<string, string | null>();
    const orgs = new Map<string, string | null>();
    for (const id of new Set(rows.map((r) => r.owner).filter((v): v is string => !!v))) users.set(id, (await this.users.get(id).catch(() => undefined))?.username ?? null);
    for (const id of new Set(rows.map((r) => r.organisation).filter((v): v is string => !!v))) orgs.set(id, (await this.organisations.find(id))?.subdomain ?? null);
    return (row) => ({ profile: row.owner ? (users.get(row.owner) ?? null) : null, organisation: row.organisation ? (orgs.get(row.organisation) ?? null) : null });
  }
}
