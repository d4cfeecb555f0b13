export * from './asset-types';
export * from './migrations';
export * from './sync-api.module';
export * from './cli/sync-push';
