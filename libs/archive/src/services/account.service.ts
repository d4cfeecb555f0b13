import { ForbiddenException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { ApiKeyService, UserService } from '@app/auth';
import type { ArchiveCaller } from '../http/portal';
import type { ProfileDto } from '../dtos/account.dto';
import { NOT_FOUND, NO_PERMISSION } from '../http/arcsecond-errors';
import { isArchiveAdministrator } from './archive-visibility';
import { OrganisationsService } from './organisations.service';

type User = Awaited<ReturnType<UserService['get']>>;

/** What `auth/key/verify/` and `auth/key/verify-organisation/` answer a wrong username/key pair. */
export const INVALID_KEY = 'Invalid username or key.';

/** Arcsecond's login check (`auth/key/verify/`) and profile, over Skygate users and API keys. */
@Injectable()
export class ArcsecondAccountService {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly users: UserService,
    private readonly organisations: OrganisationsService,
  ) {}

  /** True when the key is an active key (full or upload) of that active user. */
  async verify(username: string, key: string): Promise<boolean> {
    const principal = await this.keys.authenticate(key);
    return principal?.user?.username === username;
  }

  /** `auth/key/verify-organisation/`: a valid pair (else 401), a known organisation (else 404), a member of it (else 403). */
  async verifyMembership(username: string, key: string, subdomain: string): Promise<void> {
    const principal = await this.keys.authenticate(key);
    if (!principal?.user || principal.user.username !== username) throw new UnauthorizedException({ detail: INVALID_KEY });
    const organisation = await this.organisations.get(subdomain);
    if (!(await this.organisations.roleOf(organisation.uuid, principal.user.id))) throw new ForbiddenException({ detail: NO_PERMISSION });
  }

  /**
   * A user's profile, as `profiles/<username>/` answers it: the caller's own, any for administrators,
   * and inside a portal those of its fellow members.
   */
  async profile(caller: ArchiveCaller, username: string): Promise<ProfileDto> {
    const user = await this.users.getByUsername(username).catch(() => undefined);
    if (!(await this.mayRead(caller, username, user?.id))) throw new ForbiddenException({ detail: NO_PERMISSION });
    if (!user) throw new NotFoundException({ detail: NOT_FOUND });
    return this.present(user);
  }

  /** `profiles/`: in a portal its members' (for its members), otherwise the caller's own (administrators: everyone's). */
  async profiles(caller: ArchiveCaller): Promise<ProfileDto[]> {
    if (caller.portal) {
      const rows = await this.organisations.membershipsIn(caller, caller.portal);
      return Promise.all(rows.map(async (m) => this.present(await this.users.get(m.userId))));
    }
    if (isArchiveAdministrator(caller)) return Promise.all((await this.users.list()).map((u) => this.present(u)));
    return caller.user ? [await this.present(await this.users.get(caller.user.id))] : [];
  }

  private async mayRead(caller: ArchiveCaller, username: string, userId: string | undefined): Promise<boolean> {
    if (caller.user?.username === username || isArchiveAdministrator(caller)) return true;
    if (!caller.portal || !userId) return false;
    return !!(await this.organisations.roleOf(caller.portal.uuid, caller.user?.id)) && !!(await this.organisations.roleOf(caller.portal.uuid, userId));
  }

  private async present(user: User): Promise<ProfileDto> {
    const [first, ...rest] = (user.fullName ?? '').trim().split(/\s+/);
    const joined = user.createdAt.toISOString().slice(0, 10);
    return {
      username: user.username,
      email: user.email,
      first_name: first ?? '',
      last_name: rest.join(' '),
      membership_date: user.createdAt.toISOString(),
      // Arcsecond.local's own organisation is always "local": every Skygate user belongs to it.
      memberships: [{ role: user.isAdmin ? 'admin' : 'member', date_joined: joined, organisation: { subdomain: 'local', name: 'Skygate' } }, ...(await this.organisations.membershipsOf(user.id))],
    };
  }
}
