export * from './levels';
export * from './keys';
export * from './reasons';
export * from './stats';
export * from './exchange';
export * from './upload-url';
