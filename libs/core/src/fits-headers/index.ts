export * from './fits-card';
export * from './fits-header';
export * from './header-errors';
export * from './header-reader';
export * from './header-types';
export * from './xisf-header';
