export * from './audit-controls';
export * from './audit-framework';
export * from './evidence-store';
