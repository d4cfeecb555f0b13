import { SyncApiInit1795400000000 } from './1795400000000-sync-api-init';

export const SYNC_API_MIGRATIONS = [SyncApiInit1795400000000];
