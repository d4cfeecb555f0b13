// The public API of @app/auth, by name: everything else is internal to the lib.
export { AuthCoreModule, AuthModule } from './auth.module';
export { CurrentPrincipal, RequireLogin, RequirePermission, RequireSignature } from './decorators/access.decorators';
export type { ApiKeyScope } from './entities/api-key.entity';
export { AUTH_MIGRATIONS } from './migrations';
export { BUILTIN_ROLES, FULL_ACCESS, hasPermission, mayCall, RESOURCES, UPLOAD_PERMISSION, type PermissionMap, type Resource } from './permissions/permissions';
export { RouteInventory, type RouteEntry } from './routes/route-inventory';
export { ApiKeyService, type NewApiKey } from './services/api-key.service';
export type { Principal } from './services/principal';
export { RequestAuthenticator } from './services/request-authenticator';
export { UserAdminService } from './services/user-admin.service';
export { MIN_PASSWORD_LENGTH, UserService, type NewUserInput, type UserUpdate } from './services/user.service';
export { CLOSE_FORBIDDEN, CLOSE_UNAUTHORIZED, SocketAuthenticator, type SocketAccess, type SocketRefusal } from './sockets/socket-authenticator';
export { SYNC_TIME_SKEW_SECONDS, SyncSignatureVerifier, syncSignature } from './sync/sync-signature.verifier';
