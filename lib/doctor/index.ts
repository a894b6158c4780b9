export * from './clients';
export * from './command';
export * from './render';
export * from './run';
export * from './types';
