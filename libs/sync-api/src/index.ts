export {
  ASSET_TYPE_INFO,
  checkedExtension,
  contentTypeOf,
  type DuplicateRule,
  isSyncAssetType,
  SYNC_ASSET_TYPES,
  type SyncAssetType,
  type SyncAssetTypeInfo,
} from './asset-types';
export { runSyncPush, type SyncPushOptions } from './cli/sync-push';
export { SYNC_API_MIGRATIONS } from './migrations';
export { SyncApiModule } from './sync-api.module';
export type { SyncReceivedEvent } from './sync.events';
