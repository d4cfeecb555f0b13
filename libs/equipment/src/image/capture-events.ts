import type { ImageRecordStatistics } from '../entities/equipment-image.entity';

/** A capture written as FITS and recorded in the image history. */
export interface CaptureSavedEvent {
  /** The FITS file's path inside the core FileStore. */
  path: string;
  /** The active profile's TelescopeSettings-Name when the capture started. */
  telescope: string;
  /** When the exposure started (the FITS DATE-OBS). */
  capturedAt: Date;
  /** ninaAPI's ImageStatistics of the capture, as image-history lists it. */
  statistics: ImageRecordStatistics;
}

declare module '@app/core/events/event-bus' {
  interface SkygateEvents {
    /** Published by CaptureService; /v2/socket and event-history show it as IMAGE-SAVE, the archive files it. */
    'equipment.capture-saved': CaptureSavedEvent;
  }
}

export const CAPTURE_SAVED = 'equipment.capture-saved' as const;
