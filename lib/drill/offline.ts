import type { BackupAccountConfig } from '../config/types';
import { destination, destinationAliasArn, destinationVaultArn } from '../policies/destinations';
import type { DrillRecord } from './record';

/**
 * The destinations as the configuration builds them, for `--dry-run --offline`: vault names and
 * ARNs are known before deployment; a key's ARN is not (its ID exists once deployed), so the plan
 * names the key by its alias, which KMS also accepts.
 */
export function offlineDestinations(
  config: BackupAccountConfig,
  region: string,
): NonNullable<DrillRecord['destinations']> {
  const of = (kind: 'general' | 'ssn') => {
    const d = destination(kind);
    return {
      vaultName: d.vaultName(config),
      vaultArn: destinationVaultArn(d, config, region),
      keyArn: destinationAliasArn(d, region, config.backupAccountId),
    };
  };
  return { general: of('general'), ssn: of('ssn') };
}
