export * from './time';
export * from './self-check';
export * from './summary';
export * from './rules';
