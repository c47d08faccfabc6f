export * from './api';
export * from './card';
export * from './config';
export * from './devices';
export * from './wire';
export * from './csp';
export * from './case';
