export * from './chart';
export * from './lockout';
export * from './pin-format';
