export * from './backup-encryption-key';
export * from './destination-vault';
