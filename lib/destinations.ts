import type { BackupAccountConfig } from './config/types';
import type { DestinationKind } from './policies/documents';

/**
 * The two backup destinations, as data: the stack builds each from one row, so the general and
 * SSN sides can differ only where this table (or the policy builders) says so.
 * Construct IDs and names are those of the original app.
 */
export interface Destination {
  readonly kind: DestinationKind;
  /** Prefix of this destination's output names: `${prefix}BackupVaultArn`. */
  readonly outputPrefix: '' | 'SSN';
  readonly keyConstructId: string;
  readonly vaultConstructId: string;
  readonly aliasName: string;
  readonly keyDescription: string;
  /** How outputs name the vault: "the cross-account backup vault". */
  readonly vaultNoun: string;
  /** How outputs name the key: "the backup encryption key". */
  readonly keyNoun: string;
  readonly vaultName: (config: BackupAccountConfig) => string;
}

export const DESTINATIONS: readonly Destination[] = [
  {
    kind: 'general',
    outputPrefix: '',
    keyConstructId: 'BackupEncryptionKey',
    vaultConstructId: 'CompactConnectBackupVault',
    aliasName: 'alias/compactconnect-backup-key',
    keyDescription: 'KMS key for CompactConnect cross-account backup encryption',
    vaultNoun: 'the cross-account backup vault',
    keyNoun: 'the backup encryption key',
    vaultName: (config) => config.backupVaultName,
  },
  {
    kind: 'ssn',
    outputPrefix: 'SSN',
    keyConstructId: 'SSNBackupEncryptionKey',
    vaultConstructId: 'SSNBackupVault',
    aliasName: 'alias/compactconnect-ssn-backup-key',
    keyDescription: 'Dedicated KMS key for CompactConnect SSN data backup encryption',
    vaultNoun: 'the dedicated SSN backup vault',
    keyNoun: 'the dedicated SSN backup encryption key',
    vaultName: (config) => config.ssnBackupVaultName,
  },
];

export function destination(kind: DestinationKind): Destination {
  const found = DESTINATIONS.find((d) => d.kind === kind);
  if (!found) throw new Error(`no destination of kind ${kind}`);
  return found;
}
