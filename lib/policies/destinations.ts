import type { BackupAccountConfig } from '../config/types';
import { aliasArn, backupVaultArn } from './partition';
import { SID } from './sids';

/** The two kinds of backup destination: general data, and SSN data under break-glass protection. */
export type DestinationKind = 'general' | 'ssn';

/** The four outputs each destination has; the SSN destination's names carry its prefix. */
export const DESTINATION_OUTPUTS = [
  'BackupVaultName',
  'BackupVaultArn',
  'BackupEncryptionKeyId',
  'BackupEncryptionKeyArn',
] as const;
export type DestinationOutput = (typeof DESTINATION_OUTPUTS)[number];

/**
 * The model of a backup destination: everything in which the general and SSN sides differ is a
 * field of its row (names, construct IDs, Sids, which statements apply, output names), and
 * everything else is derived from the row the same way for both. Construct IDs, names, Sids and
 * output names are those of the original app.
 */
export interface Destination {
  readonly kind: DestinationKind;
  /** How the operator's summary labels the vault: "General vault". */
  readonly label: string;
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
  /**
   * Whether the break-glass DENYs apply (restore and copy-out on the vault, direct key material on
   * the key): the one difference between the sides' policies besides their Sids.
   */
  readonly breakGlass: boolean;
  /** The Sids of the statements both sides have, under this side's names. */
  readonly sids: {
    readonly keyUse: string;
    readonly grants: string;
    readonly copyIn: string;
  };
  readonly vaultName: (config: BackupAccountConfig) => string;
}

export const DESTINATIONS: readonly Destination[] = [
  {
    kind: 'general',
    label: 'General vault',
    outputPrefix: '',
    keyConstructId: 'BackupEncryptionKey',
    vaultConstructId: 'CompactConnectBackupVault',
    aliasName: 'alias/compactconnect-backup-key',
    keyDescription: 'KMS key for CompactConnect cross-account backup encryption',
    vaultNoun: 'the cross-account backup vault',
    keyNoun: 'the backup encryption key',
    breakGlass: false,
    sids: {
      keyUse: SID.allowUseOfTheKey,
      grants: SID.allowAttachmentOfPersistentResources,
      copyIn: SID.enableBackupVaultAccess,
    },
    vaultName: (config) => config.backupVaultName,
  },
  {
    kind: 'ssn',
    label: 'SSN vault',
    outputPrefix: 'SSN',
    keyConstructId: 'SSNBackupEncryptionKey',
    vaultConstructId: 'SSNBackupVault',
    aliasName: 'alias/compactconnect-ssn-backup-key',
    keyDescription: 'Dedicated KMS key for CompactConnect SSN data backup encryption',
    vaultNoun: 'the dedicated SSN backup vault',
    keyNoun: 'the dedicated SSN backup encryption key',
    breakGlass: true,
    sids: {
      keyUse: SID.allowSsnBackupOperations,
      grants: SID.allowSsnGrantCreation,
      copyIn: SID.enableSsnBackupVaultAccess,
    },
    vaultName: (config) => config.ssnBackupVaultName,
  },
];

export function destination(kind: DestinationKind): Destination {
  const found = DESTINATIONS.find((d) => d.kind === kind);
  if (!found) throw new Error(`no destination of kind ${kind}`);
  return found;
}

/** The name of one of a destination's outputs (`SSNBackupVaultArn`). */
export function outputName(d: Destination, output: DestinationOutput): string {
  return `${d.outputPrefix}${output}`;
}

/** The destination vault's ARN, known before deployment (vault ARNs are built from their names). */
export function destinationVaultArn(
  d: Destination,
  config: BackupAccountConfig,
  region = config.backupRegion,
): string {
  return backupVaultArn(region, config.backupAccountId, d.vaultName(config));
}

/** The ARN of the destination key's alias. */
export function destinationAliasArn(d: Destination, region: string, accountId: string): string {
  return aliasArn(region, accountId, d.aliasName);
}
