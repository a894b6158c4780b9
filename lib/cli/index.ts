export * from './aws-options';
export * from './config';
export * from './errors';
export * from './exit-codes';
export * from './program';
export * from './render';
export * from './setup';
export * from './terminal';
