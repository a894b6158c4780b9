import type { BackupAccountConfig } from './types';

/**
 * The made-up IDs of the example configurations (backup-account.example.json and examples/): a
 * configuration that still holds one was copied and not finished. A test keeps this list equal to
 * the IDs the examples hold.
 */
export const PLACEHOLDER_IDS: ReadonlySet<string> = new Set([
  '000011114444',
  '000011112222',
  '000022224444',
  '000022222222',
  'o-exampleorgid',
]);

/** The keys of `config` that still hold an example's placeholder ID, such as `source_account_ids[0]`. */
export function placeholderKeys(config: BackupAccountConfig): string[] {
  const keys: string[] = [];
  if (PLACEHOLDER_IDS.has(config.backupAccountId)) keys.push('backup_account_id');
  if (PLACEHOLDER_IDS.has(config.organizationId)) keys.push('organization_id');
  config.sourceAccountIds.forEach((id, index) => {
    if (PLACEHOLDER_IDS.has(id)) keys.push(`source_account_ids[${index}]`);
  });
  return keys;
}
