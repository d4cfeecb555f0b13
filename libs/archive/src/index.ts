export * from './archive.module';
export * from './files/content-inspector';
export * from './ingest/frame-metadata';
export * from './ingest/night';
export * from './migrations';
export * from './services/capture-ingest.service';
