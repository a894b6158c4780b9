export * from './alert-delivery';
export * from './alerting';
export * from './audit-events';
export * from './freshness-check';
export * from './onward-events';
