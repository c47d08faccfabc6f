export * from './schema';
export * from './search';
export * from './credit-code';
export * from './phone';
export * from './issues';
