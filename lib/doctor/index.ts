export * from './catalog';
export * from './aws';
export * from './json';
export * from './render';
export * from './run';
export * from './types';
