export * from './restore-events';
export * from './restore-testing';
