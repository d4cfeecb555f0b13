import { Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthSecrets } from './crypto/auth-secrets';
import { PasswordHasher } from './crypto/password-hasher';
import { SecretBox } from './crypto/secret-box';
import { TokenService } from './crypto/token.service';
import { LoginController } from './controllers/login.controller';
import { MeController } from './controllers/me.controller';
import { RolesController } from './controllers/roles.controller';
import { UsersController } from './controllers/users.controller';
import { ApiKeyEntity } from './entities/api-key.entity';
import { RoleEntity } from './entities/role.entity';
import { UserEntity } from './entities/user.entity';
import { AuthGuard } from './guard/auth.guard';
import { LoopbackPolicy } from './guard/request-origin';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { RoleRepository } from './repositories/role.repository';
import { UserRepository } from './repositories/user.repository';
import { RouteInventory } from './routes/route-inventory';
import { ApiKeyService } from './services/api-key.service';
import { AuthChangeListener } from './services/auth-change-listener';
import { AuthDirectory } from './services/auth-directory';
import { LoginGate } from './services/login-gate';
import { LoginService } from './services/login.service';
import { LoginThrottle } from './services/login-throttle';
import { MeService } from './services/me.service';
import { RequestAuthenticator } from './services/request-authenticator';
import { RoleService } from './services/role.service';
import { UserAdminService } from './services/user-admin.service';
import { UserService } from './services/user.service';
import { SocketAuthenticator } from './sockets/socket-authenticator';
import { SyncSignatureVerifier } from './sync/sync-signature.verifier';

/** Tells the operator how to create the first admin; Skygate never creates a default password. */
@Injectable()
class FirstUserHint implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');
  constructor(private readonly users: UserService) {}
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) === 0) {
      this.logger.warn('no users yet: create the first admin with `npm run cli -- users add <name> --admin` (password prompted, or read from stdin)');
    }
  }
}

const SERVICES = [
  LoopbackPolicy,
  AuthSecrets,
  PasswordHasher,
  SecretBox,
  TokenService,
  UserRepository,
  RoleRepository,
  ApiKeyRepository,
  AuthDirectory,
  ApiKeyService,
  UserService,
  RoleService,
  LoginThrottle,
  LoginGate,
  LoginService,
  MeService,
  RequestAuthenticator,
  UserAdminService,
  SyncSignatureVerifier,
  SocketAuthenticator,
];

/** Users, roles, API keys and the services that check them, without HTTP routes (the CLI uses this). */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, RoleEntity, ApiKeyEntity])],
  providers: SERVICES,
  exports: SERVICES,
})
export class AuthCoreModule {}

/** AuthCoreModule plus the routes, the global guard and the start-up check that every route declares its access. */
@Module({
  imports: [AuthCoreModule, DiscoveryModule],
  controllers: [LoginController, MeController, UsersController, RolesController],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }, RouteInventory, FirstUserHint, AuthChangeListener],
  exports: [AuthCoreModule, RouteInventory],
})
export class AuthModule {}
