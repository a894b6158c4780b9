import { DESTINATIONS, outputName } from '../policies/destinations';
import type { DeployedDestination, DrillRecord } from './record';

type Destinations = NonNullable<DrillRecord['destinations']>;

/**
 * The vaults and keys as the stack's outputs name them; `missing` decides what an absent output
 * becomes (the drill stops; a dry run shows it).
 */
export function destinationsFromOutputs(
  outputs: Readonly<Record<string, string>>,
  missing: (output: string) => string,
): Destinations {
  const read = (kind: 'general' | 'ssn'): DeployedDestination => {
    const d = DESTINATIONS.find((x) => x.kind === kind);
    if (!d) throw new Error(`no destination ${kind}`);
    const value = (name: 'BackupVaultName' | 'BackupVaultArn' | 'BackupEncryptionKeyArn') => {
      const key = outputName(d, name);
      return outputs[key] ?? missing(key);
    };
    return {
      vaultName: value('BackupVaultName'),
      vaultArn: value('BackupVaultArn'),
      keyArn: value('BackupEncryptionKeyArn'),
    };
  };
  return { general: read('general'), ssn: read('ssn') };
}
