export { ArchiveModule } from './archive.module';
export { type Compression, DecompressionLimitError, type HeaderStatus, inspectFile, type Inspection } from './files/content-inspector';
export { type CalibrationType, calibrationTypeOf, frameMetadata, type FrameMetadata, parseFitsDate } from './ingest/frame-metadata';
export { isTimeZone, nightDate, type NightSite } from './ingest/night';
export { ARCHIVE_MIGRATIONS } from './migrations';
export { CAPTURE_DATASET_TAG, type CaptureAnnouncement, CaptureIngestService } from './services/capture-ingest.service';
