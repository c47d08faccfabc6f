export * from './vocabulary';
export * from './state';
export * from './events';
export * from './materials';
export * from './notice';
export * from './transition';
