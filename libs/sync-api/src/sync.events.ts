import type { SyncAssetType } from './asset-types';

/**
 * A SyncAPI upload was received and stored durably (file renamed into place, row committed).
 * Small on purpose: a dashboard fetches the asset itself (GET /sync/assets/{assetId}) when it cares.
 */
export interface SyncReceivedEvent {
  /** The asset id, as the upload's answer gives it. */
  id: number;
  type: SyncAssetType;
  cameraId: number;
  /** When the client says it was taken (ISO 8601, UTC). */
  createDate: string;
  /** False for an entry without a file (indi-allsky may send an empty media part). */
  stored: boolean;
}

declare module '@app/core/events/event-bus' {
  interface SkygateEvents {
    'sync.received': SyncReceivedEvent;
  }
}
