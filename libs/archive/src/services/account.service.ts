import { ForbiddenException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { ApiKeyService, UserService, type Principal } from '@app/auth';
import type { ProfileDto } from '../dtos/account.dto';
import { NOT_FOUND, NO_PERMISSION } from '../http/arcsecond-errors';
import { OrganisationsService } from './organisations.service';

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

  async profile(caller: Principal, username: string): Promise<ProfileDto> {
    const self = caller.user?.username === username;
    if (!self && caller.via !== 'loopback' && !caller.user?.isAdmin) throw new ForbiddenException({ detail: NO_PERMISSION });
    const user = await this.users.getByUsername(username).catch(() => undefined);
    if (!user) throw new NotFoundException({ detail: NOT_FOUND });
    const [first, ...rest] = (user.fullName ?? '').trim().split(/\s+/);
    return {
      username: user.username,
      email: user.email,
      first_name: first ?? '',
      last_name: rest.join(' '),
      memberships: [
        { role: user.isAdmin ? 'admin' : 'member', organisation: { subdomain: 'local', name: 'Skygate' } },
        ...(await this.organisations.membershipsOf(user.id)).map((m) => ({ role: m.role, organisation: { subdomain: m.organisation.subdomain, name: m.organisation.name } })),
      ],
    };
  }
}
