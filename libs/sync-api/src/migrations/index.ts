import { SyncApiInit1795410000000 } from './1795410000000-sync-api-init';

export const SYNC_API_MIGRATIONS = [SyncApiInit1795410000000];
