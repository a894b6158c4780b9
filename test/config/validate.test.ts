import { ConfigError, validateConfig, type ValidateOptions } from '../../lib/config';
import { configWith, exampleContext } from '../support/config';

/** The problems that validating the example with these raw overrides reports. */
function problemsWith(
  overrides: Record<string, unknown>,
  drop: string[] = [],
  options: ValidateOptions = {},
): string[] {
  const raw: Record<string, unknown> = { ...exampleContext(), ...overrides };
  for (const key of drop) delete raw[key];
  try {
    validateConfig(raw, 'test', options);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.key}: ${p.message}`);
    throw error;
  }
  return [];
}

test('the example configuration is valid and typed', () => {
  expect(configWith()).toEqual({
    backupAccountId: '000011114444',
    organizationId: 'o-exampleorgid',
    backupRegion: 'us-west-2',
    sourceAccountIds: ['000011112222'],
    sourceRegions: ['us-east-1'],
    backupVaultName: 'CompactConnectBackupVault',
    ssnBackupVaultName: 'CompactConnectBackupVault-SSN',
    tags: { Project: 'CompactConnect', Environment: 'DataRetention' },
    vaultLock: { minRetentionDays: 90, maxRetentionDays: undefined, changeableForDays: 180 },
    alerts: { emails: [], freshnessHours: 26 },
    restoreTimeTargetMinutes: 60,
    evidence: { retentionDays: 2190, auditFramework: false },
  });
});

test('defaults apply to keys left out', () => {
  const config = validateConfig(
    {
      backup_account_id: '000011114444',
      organization_id: 'o-exampleorgid',
      backup_region: 'us-west-2',
      source_account_ids: ['000011112222'],
      source_regions: ['us-east-1'],
    },
    'test',
  );
  expect(config.backupVaultName).toBe('CompactConnectBackupVault');
  expect(config.ssnBackupVaultName).toBe('CompactConnectBackupVault-SSN');
  expect(config.tags).toEqual({});
  expect(config.vaultLock).toEqual({
    minRetentionDays: 90,
    maxRetentionDays: undefined,
    changeableForDays: 180,
  });
  expect(config.alerts).toEqual({ emails: [], freshnessHours: 26 });
});

test.each([
  [
    'backup_account_id',
    { backup_account_id: '12345' },
    /^backup_account_id: must be 12 digits, got "12345"$/,
  ],
  [
    'a JSON number as account ID',
    { backup_account_id: 123456789012 },
    /^backup_account_id: must be a string of 12 digits, got the number 123456789012: quote it \("123456789012"\)$/,
  ],
  [
    'organization_id',
    { organization_id: 'org-123' },
    /^organization_id: must be an AWS Organizations ID.*"org-123"$/,
  ],
  [
    'backup_region',
    { backup_region: 'us-west' },
    /^backup_region: must be an AWS region name.*"us-west"; did you mean "us-west-1"\?$/,
  ],
  [
    'a source region',
    { source_regions: ['us-east-1', 'useast2'] },
    /^source_regions\[1\]: must be an AWS region.*"useast2"; did you mean "us-east-2"\?$/,
  ],
  [
    'a well-formed region that does not exist',
    { backup_region: 'us-west-9' },
    /^backup_region: must be an AWS region name such as "us-west-2", got "us-west-9"; did you mean "us-west-1"\?$/,
  ],
  [
    'a backup region in another partition than the source regions',
    { backup_region: 'us-gov-west-1', source_regions: ['us-gov-east-1', 'us-east-1'] },
    /^source_regions\[1\]: "us-east-1" is in the aws partition, backup_region "us-gov-west-1" in aws-us-gov: AWS Backup copies only within one partition/,
  ],
  [
    'a source account',
    { source_account_ids: ['0000111122223'] },
    /^source_account_ids\[0\]: must be 12 digits, got "0000111122223"$/,
  ],
  [
    'an empty source list',
    { source_account_ids: [] },
    /^source_account_ids: must list at least one AWS account ID$/,
  ],
  [
    'an empty region list',
    { source_regions: [] },
    /^source_regions: must list at least one AWS region name$/,
  ],
  [
    'a duplicated source account',
    { source_account_ids: ['000011112222', '000011112222'] },
    /^source_account_ids\[1\]: "000011112222" is listed twice$/,
  ],
  [
    'a duplicated source region',
    { source_regions: ['us-east-1', 'us-east-1'] },
    /^source_regions\[1\]: "us-east-1" is listed twice$/,
  ],
  [
    'a list given as a string',
    { source_account_ids: 42 },
    /^source_account_ids: must be a list of AWS account IDs, got the number 42$/,
  ],
  [
    'the backup account as a source',
    { source_account_ids: ['000011112222', '000011114444'] },
    /^source_account_ids: must not include the backup account "000011114444"/,
  ],
  [
    'the backup region as a source region',
    { source_regions: ['us-west-2'] },
    /^backup_region: "us-west-2" is also a source region/,
  ],
  [
    'a vault name with a dot',
    { backup_vault_name: 'Backup.Vault' },
    /^backup_vault_name: must be 2 to 50 letters.*"Backup.Vault"$/,
  ],
  [
    'a one-letter vault name',
    { ssn_backup_vault_name: 'V' },
    /^ssn_backup_vault_name: must be 2 to 50 letters.*"V"$/,
  ],
  [
    'a 51-character vault name',
    { backup_vault_name: 'V'.repeat(51) },
    /^backup_vault_name: must be 2 to 50 letters/,
  ],
  [
    'two vaults with one name',
    { backup_vault_name: 'Same', ssn_backup_vault_name: 'Same' },
    /^ssn_backup_vault_name: must differ from backup_vault_name \(both are "Same"\)/,
  ],
  ['an aws: tag', { tags: { 'aws:owner': 'me' } }, /^tags\.aws:owner: its key must not start with "aws:"/],
  [
    'an AWS: tag in capitals',
    { tags: { 'AWS:owner': 'me' } },
    /^tags\.AWS:owner: its key must not start with "aws:"/,
  ],
  [
    'a 129-character tag key',
    { tags: { ['K'.repeat(129)]: 'v' } },
    /^tags\.K+: its key must be 1 to 128 characters long \(has 129\)$/,
  ],
  [
    'a 257-character tag value',
    { tags: { Owner: 'v'.repeat(257) } },
    /^tags\.Owner: its value must be at most 256 characters long \(has 257\)$/,
  ],
  [
    'a tag value that is not a string',
    { tags: { Cost: 12 } },
    /^tags\.Cost: its value must be a string, got the number 12$/,
  ],
  [
    'a tag key with a forbidden character',
    { tags: { 'a#b': 'v' } },
    /^tags\["a#b"\]: its key may hold only letters/,
  ],
  [
    'tags that are a list',
    { tags: ['Project'] },
    /^tags: must be an object of tag names to string values, got a list/,
  ],
  [
    'too many tags',
    { tags: Object.fromEntries([...Array(51).keys()].map((i) => [`k${i}`, 'v'])) },
    /^tags: has 51 tags; AWS allows at most 50$/,
  ],
  [
    'a misspelt key',
    { backup_vault_nam: 'X' },
    /^backup_vault_nam: is not a known key; did you mean "backup_vault_name"\?$/,
  ],
  ['an unrelated key', { colour: 'blue' }, /^colour: is not a known key; known keys: backup_account_id, /],
  [
    'a zero minimum retention',
    { vault_lock_min_retention_days: 0 },
    /^vault_lock_min_retention_days: must be at least 1 day, got 0$/,
  ],
  [
    'a fractional retention',
    { vault_lock_min_retention_days: 1.5 },
    /^vault_lock_min_retention_days: must be a whole number of days, got 1.5$/,
  ],
  [
    'a maximum below the minimum',
    { vault_lock_max_retention_days: 30 },
    /^vault_lock_max_retention_days: must be greater than vault_lock_min_retention_days \(90\), got 30$/,
  ],
  [
    'a maximum equal to the minimum',
    { vault_lock_max_retention_days: 90 },
    /must be greater than vault_lock_min_retention_days/,
  ],
  [
    'changeable for 2 days',
    { vault_lock_changeable_for_days: 2 },
    /^vault_lock_changeable_for_days: must be at least 3 days, got 2$/,
  ],
  [
    'an unknown lock mode',
    { vault_lock_mode: 'strict' },
    /^vault_lock_mode: must be "compliance" or "governance", got "strict"$/,
  ],
  [
    'governance mode with changeable-for days',
    { vault_lock_mode: 'governance', vault_lock_changeable_for_days: 180 },
    /^vault_lock_changeable_for_days: applies only to vault_lock_mode "compliance"/,
  ],
])('rejects %s', (_name, overrides, expected) => {
  const problems = problemsWith(overrides);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(expected);
});

test.each(['backup_account_id', 'organization_id', 'backup_region', 'source_account_ids', 'source_regions'])(
  'requires %s',
  (key) => {
    expect(problemsWith({}, [key])).toEqual([expect.stringMatching(new RegExp(`^${key}: is required \\(`))]);
  },
);

test('reports every problem at once', () => {
  const problems = problemsWith({
    backup_account_id: 12,
    organization_id: 'x',
    source_regions: ['us-west-2'],
    backup_vault_nam: 'X',
  });
  expect(problems.map((p) => p.split(':')[0])).toEqual([
    'backup_vault_nam',
    'backup_account_id',
    'organization_id',
    'backup_region',
  ]);
});

test('the error message lists each problem under the source it came from', () => {
  expect(() => validateConfig({ ...exampleContext(), backup_region: 'mars-1' }, 'cdk.context.json')).toThrow(
    'Invalid configuration (cdk.context.json): 1 problem\n  - backup_region: must be an AWS region name such as "us-west-2", got "mars-1"',
  );
});

/** The example with these values given on the command line (`-c key=value`, always text). */
function fromCommandLine(values: Record<string, string>) {
  return validateConfig({ ...exampleContext(), ...values }, 'test', {
    commandLine: new Set(Object.keys(values)),
  });
}

test('command-line strings become the types the keys expect', () => {
  const config = fromCommandLine({
    source_account_ids: '["000011112222", "000011113333"]',
    source_regions: 'us-east-1, us-east-2',
    tags: '{"Project":"CompactConnect"}',
    vault_lock_min_retention_days: '30',
    vault_lock_max_retention_days: '365',
    vault_lock_changeable_for_days: '3',
  });
  expect(config.sourceAccountIds).toEqual(['000011112222', '000011113333']);
  expect(config.sourceRegions).toEqual(['us-east-1', 'us-east-2']);
  expect(config.tags).toEqual({ Project: 'CompactConnect' });
  expect(config.vaultLock).toEqual({ minRetentionDays: 30, maxRetentionDays: 365, changeableForDays: 3 });
});

test('governance mode leaves the lock removable', () => {
  const raw: Record<string, unknown> = { ...exampleContext(), vault_lock_mode: 'governance' };
  delete raw.vault_lock_changeable_for_days;
  expect(validateConfig(raw, 'test').vaultLock.changeableForDays).toBeUndefined();
});

test('CDK feature flags and CLI keys in the context are not configuration keys', () => {
  expect(
    problemsWith({
      '@aws-cdk/aws-iam:minimizePolicies': true,
      'aws:cdk:enable-path-metadata': true,
      'acknowledged-issue-numbers': [1],
    }),
  ).toEqual([]);
});

test.each([
  ['ap-southeast-2', 'us-east-1'],
  ['eu-central-1', 'us-east-1'],
  ['il-central-1', 'us-east-1'],
  ['ca-west-1', 'us-east-1'],
  ['mx-central-1', 'us-east-1'],
  ['us-gov-west-1', 'us-gov-east-1'],
  ['cn-north-1', 'cn-northwest-1'],
])('accepts the backup region %s with the source region %s', (backupRegion, sourceRegion) => {
  expect(problemsWith({ backup_region: backupRegion, source_regions: [sourceRegion] })).toEqual([]);
});

test('alert e-mails and the freshness window flow into the typed configuration', () => {
  const config = configWith({
    alert_emails: ['alerts@example.com', 'backup-team@example.org'],
    freshness_alert_hours: 50,
  });
  expect(config.alerts).toEqual({
    emails: ['alerts@example.com', 'backup-team@example.org'],
    freshnessHours: 50,
  });
});

test('alert settings given on the command line become typed', () => {
  const config = fromCommandLine({
    alert_emails: 'alerts@example.com, oncall@example.com',
    freshness_alert_hours: '720',
  });
  expect(config.alerts).toEqual({
    emails: ['alerts@example.com', 'oncall@example.com'],
    freshnessHours: 720,
  });
  expect(fromCommandLine({ alert_emails: '' }).alerts.emails).toEqual([]);
});

test('a command-line list that is not valid JSON is named', () => {
  expect(
    problemsWith({ source_account_ids: '["000011112222"' }, [], {
      commandLine: new Set(['source_account_ids']),
    }),
  ).toEqual([expect.stringMatching(/^source_account_ids: must be a JSON list.*is not valid JSON/)]);
});

test.each([
  [
    'a region as text instead of a list',
    { source_regions: 'us-east-1' },
    'source_regions: must be a list of AWS region names, got the string "us-east-1": write it as a JSON list, ["us-east-1"]',
  ],
  [
    'comma-separated account IDs',
    { source_account_ids: '000011112222,000011113333' },
    'source_account_ids: must be a list of AWS account IDs, got the string "000011112222,000011113333": write it as a JSON list, ["000011112222","000011113333"]',
  ],
  [
    'a day count as text',
    { vault_lock_min_retention_days: '90' },
    'vault_lock_min_retention_days: must be a whole number of days, got the string "90": write it without quotes, 90',
  ],
  [
    'tags as a JSON text',
    { tags: '{"Project":"CompactConnect"}' },
    'tags: must be an object of tag names to string values, got the string "{\\"Project\\":\\"CompactConnect\\"}"',
  ],
])('in a file, the types are those of the table: rejects %s', (_name, overrides, expected) => {
  expect(problemsWith(overrides)).toEqual([expected]);
});

test.each([
  ['tags set to null', { tags: null }, 'tags: must be an object of tag names to string values, got null'],
  [
    'alert_emails set to null',
    { alert_emails: null },
    'alert_emails: must be a list of e-mail addresses, got null',
  ],
  [
    'a number too large for JSON',
    { vault_lock_min_retention_days: JSON.parse('1e400') },
    'vault_lock_min_retention_days: must be a whole number of days, got a number too large to use (JSON reads it as Infinity)',
  ],
  ['an empty tag key', { tags: { '': 'x' } }, 'tags[""]: its key must be 1 to 128 characters long (has 0)'],
  [
    'a tag key with spaces and a bad character',
    { tags: { 'Cost centre#': 'x' } },
    'tags["Cost centre#"]: its key may hold only letters, digits, spaces and _ . : / = + - @',
  ],
])('says plainly what it got: %s', (_name, overrides, expected) => {
  expect(problemsWith(overrides)).toEqual([expected]);
});

test.each(['compliance', 'governance'])('the example is valid in %s mode', (mode) => {
  expect(problemsWith({}, [], {})).toEqual([]);
  expect(fromCommandLine({ vault_lock_mode: mode }).vaultLock.changeableForDays).toBe(
    mode === 'compliance' ? 180 : undefined,
  );
});

test.each([
  [
    'an alert e-mail without a domain',
    { alert_emails: ['alerts@example'] },
    /^alert_emails\[0\]: must be an e-mail address such as "alerts@example.com", got "alerts@example"$/,
  ],
  [
    'an alert e-mail with a space',
    { alert_emails: ['alerts@example.com', 'on call@example.com'] },
    /^alert_emails\[1\]: must be an e-mail address.*got "on call@example.com"$/,
  ],
  [
    'an alert e-mail without an @',
    { alert_emails: ['alerts.example.com'] },
    /^alert_emails\[0\]: must be an e-mail address.*got "alerts.example.com"$/,
  ],
  [
    'an alert e-mail that is not a string',
    { alert_emails: [42] },
    /^alert_emails\[0\]: must be an e-mail address such as "alerts@example.com", got the number 42$/,
  ],
  [
    'a duplicated alert e-mail, whatever its case',
    { alert_emails: ['alerts@example.com', 'Alerts@Example.com'] },
    /^alert_emails\[1\]: "Alerts@Example.com" is listed twice$/,
  ],
  [
    'alert e-mails given as an object',
    { alert_emails: { to: 'alerts@example.com' } },
    /^alert_emails: must be a list of e-mail addresses, got an object/,
  ],
  [
    'a freshness window of 0 hours',
    { freshness_alert_hours: 0 },
    /^freshness_alert_hours: must be at least 1 hour, got 0$/,
  ],
  [
    'a freshness window over 720 hours',
    { freshness_alert_hours: 721 },
    /^freshness_alert_hours: must be at most 720 hours, got 721$/,
  ],
  [
    'a fractional freshness window',
    { freshness_alert_hours: 26.5 },
    /^freshness_alert_hours: must be a whole number of hours, got 26.5$/,
  ],
  [
    'a freshness window given as text',
    { freshness_alert_hours: 'a day' },
    /^freshness_alert_hours: must be a whole number of hours, got the string "a day"$/,
  ],
])('rejects %s', (_name, overrides, expected) => {
  const problems = problemsWith(overrides);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(expected);
});

test('a duplicated source account does not hide that the backup account is also a source', () => {
  expect(problemsWith({ source_account_ids: ['000011114444', '000011114444'] })).toEqual([
    'source_account_ids[1]: "000011114444" is listed twice',
    'source_account_ids: must not include the backup account "000011114444": the copies must leave the account they protect',
  ]);
});
