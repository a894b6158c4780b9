import { drillSettings } from '../../lib/drill/settings';
import { configWith } from '../support/config';

test('the restore target comes from restore_time_target_minutes unless --rto says otherwise', () => {
  const config = configWith({ restore_time_target_minutes: 45 });
  expect(drillSettings(config, { region: 'us-west-2' }).rtoMinutes).toBe(45);
  expect(drillSettings(config, { region: 'us-west-2', rto: '20' }).rtoMinutes).toBe(20);
});

test('defaults: AWS Backup default vault and role in each account, the Vault Lock minimum as retention', () => {
  const config = configWith({ vault_lock_min_retention_days: 120 });
  expect(drillSettings(config, { region: 'us-west-2' })).toMatchObject({
    sourceAccountId: '000011112222',
    sourceRegion: 'us-east-1',
    sourceVaultName: 'Default',
    copyRoleArn: 'arn:aws:iam::000011112222:role/service-role/AWSBackupDefaultServiceRole',
    restoreRoleArn: 'arn:aws:iam::000011114444:role/service-role/AWSBackupDefaultServiceRole',
    copyRetentionDays: 120,
    itemCount: 100,
    timeoutMinutes: { backup: 60, copy: 240, restore: 240 },
  });
});
