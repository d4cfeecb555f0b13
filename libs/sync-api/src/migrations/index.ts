import { SyncApiInit1795410000000 } from './1795410000000-sync-api-init';
import { SyncProgressAndPaths1795410000100 } from './1795410000100-sync-progress-and-paths';

export const SYNC_API_MIGRATIONS = [SyncApiInit1795410000000, SyncProgressAndPaths1795410000100];
