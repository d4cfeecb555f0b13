import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { PasswordHasher } from '../crypto/password-hasher';
import { TokenService } from '../crypto/token.service';
import { UserRepository } from '../repositories/user.repository';
import { effectivePermissions } from './auth-directory';
import { LoginGate, LoginRefusedException } from './login-gate';
import { LoginThrottle } from './login-throttle';

export interface LoginResult {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
}

/** Allsky-Server-shaped error bodies ({"error": ...}) with Skygate's statusCode and message added. */
function allskyError(status: HttpStatus, error: string, message = error): HttpException {
  return new HttpException({ statusCode: status, error, message }, status);
}

export class TooManyLoginsException extends LoginRefusedException {
  constructor(retryAfterSeconds: number) {
    super(HttpStatus.TOO_MANY_REQUESTS, 'Too many failed logins', `too many failed logins; retry in ${retryAfterSeconds} s`, retryAfterSeconds);
  }
}

@Injectable()
export class LoginService {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly gate: LoginGate,
  ) {}

  async login(username: unknown, password: unknown, clientAddress: string): Promise<LoginResult> {
    if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
      throw allskyError(HttpStatus.BAD_REQUEST, 'Username and password required');
    }
    const wait = this.throttle.retryAfter(clientAddress, username);
    if (wait > 0) throw new TooManyLoginsException(wait);
    const user = await this.users.findByUsername(username);
    const valid = await this.gate.run(clientAddress, () => (user ? this.hasher.verify(user.passwordHash, password) : this.hasher.verifyNobody(password)));
    if (!user || !valid || !user.isActive) {
      this.throttle.recordFailure(clientAddress, username);
      throw allskyError(HttpStatus.UNAUTHORIZED, 'Invalid credentials');
    }
    this.throttle.recordSuccess(clientAddress, username);
    return { access_token: this.tokens.sign(user, effectivePermissions(user)), token_type: 'bearer', expires_in: this.tokens.ttlSeconds };
  }
}
