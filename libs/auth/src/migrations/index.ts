import { AuthInit1795320000000 } from './1795320000000-auth-init';

export const AUTH_MIGRATIONS = [AuthInit1795320000000];
