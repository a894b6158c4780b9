export * from './catalog';
export * from './clients';
export * from './render';
export * from './run';
export * from './types';
