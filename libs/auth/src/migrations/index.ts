import { AuthInit1795320000000 } from './1795320000000-auth-init';
import { AuthChangeNotify1796000000000 } from './1796000000000-auth-change-notify';
import { AuthUploaderRole1796050000000 } from './1796050000000-auth-uploader-role';

export const AUTH_MIGRATIONS = [AuthInit1795320000000, AuthChangeNotify1796000000000, AuthUploaderRole1796050000000];
