export * from './app-config';
export * from './package-version';
