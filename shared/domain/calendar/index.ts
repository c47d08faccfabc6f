export * from './iso-date';
export * from './holiday-source';
export * from './overrides';
export * from './working-days';
