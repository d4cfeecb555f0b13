import { AuthInit1795320000000 } from './1795320000000-auth-init';
import { AuthChangeNotify1796000000000 } from './1796000000000-auth-change-notify';

export const AUTH_MIGRATIONS = [AuthInit1795320000000, AuthChangeNotify1796000000000];
