import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { ApiKeyService, UserService, type Principal } from '@app/auth';
import type { ProfileDto } from '../dtos/account.dto';
import { NOT_FOUND, NO_PERMISSION } from '../http/arcsecond-errors';

/** Arcsecond's login check (`auth/key/verify/`) and profile, over Skygate users and API keys. */
@Injectable()
export class ArcsecondAccountService {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly users: UserService,
  ) {}

  /** True when the key is an active key (full or upload) of that active user. */
  async verify(username: string, key: string): Promise<boolean> {
    const principal = await this.keys.authenticate(key);
    return principal?.user?.username === username;
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
      memberships: [{ role: user.isAdmin ? 'admin' : 'member', organisation: { subdomain: 'local', name: 'Skygate' } }],
    };
  }
}
