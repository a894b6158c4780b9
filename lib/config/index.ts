export * from './errors';
export * from './keys';
export * from './load';
export * from './types';
export * from './validate';
export * from './environments';
export * from './files';
export * from './placeholders';
