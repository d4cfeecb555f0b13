export * from './headers';
export * from './files/content-inspector';
