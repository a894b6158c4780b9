export * from './documents';
export * from './key-statements';
export * from './partition';
export * from './sids';
export * from './vault-statements';
export * from './budgets';
export * from './alert-statements';
export * from './destinations';
