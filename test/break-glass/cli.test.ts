import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CliDeps, main, reportError } from '../../bin/break-glass';
import { describeError, EXIT } from '../../lib/cli';
import { ConfigError } from '../../lib/config';
import { PROJECT_ROOT } from '../support/config';
import {
  BASELINE_TEXT,
  fakeAws,
  OPENING,
  KEY_ARN,
  NOW,
  openedText,
  RESTORER,
  serviceError,
  currentAws,
} from './fixture';
import { tempFolder } from '../support/temp';

/** A folder with the example configuration as its backup-account.json, as an operator has it. */
const OPERATOR_DIR = tempFolder('break-glass-cwd-');
writeFileSync(
  join(OPERATOR_DIR, 'backup-account.json'),
  readFileSync(join(PROJECT_ROOT, 'backup-account.example.json'), 'utf8'),
);

function deps(overrides: Partial<CliDeps> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const regions: { region: string; profile?: string }[] = [];
  const auditDir = tempFolder('break-glass-cli-');
  const value: CliDeps = {
    cwd: OPERATOR_DIR,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    now: () => NOW,
    aws: (options) => {
      regions.push(options);
      return currentAws();
    },
    sleep: async () => undefined,
    ...overrides,
  };
  return { deps: value, out, err, regions, auditLog: join(auditDir, 'audit.jsonl') };
}

/** No line of a message looks like a stack frame. */
const NO_STACK = /^\s+at /m;

test('status through the CLI: SEALED exits 0, OPEN 10, EXPIRED 11, DRIFTED 12', async () => {
  fakeAws();
  expect(await main(['status'], deps().deps)).toBe(0);
  fakeAws(openedText(OPENING));
  expect(await main(['status'], deps().deps)).toBe(10);
  fakeAws(openedText({ ...OPENING, expiry: '2030-03-01T09:59:59Z' }));
  expect(await main(['status'], deps().deps)).toBe(11);
  fakeAws({ vault: BASELINE_TEXT.vault, key: openedText(OPENING).key });
  expect(await main(['status'], deps().deps)).toBe(12);
});

test('--region, --profile and the configuration reach the AWS clients; the region defaults to backup_region', async () => {
  fakeAws();
  const a = deps();
  await main(['status'], a.deps);
  expect(a.regions).toEqual([{ region: 'us-west-2', profile: undefined }]);
  expect(a.err).toEqual([]);
  const clone = tempFolder('break-glass-clone-'); // a fresh clone: only the example, no backup-account.json
  copyFileSync(join(PROJECT_ROOT, 'backup-account.example.json'), join(clone, 'backup-account.example.json'));
  const example = deps({ cwd: clone });
  await main(['status'], example.deps);
  expect(example.err).toContain(
    'No backup-account.json found: using the example configuration in backup-account.example.json, whose account IDs are placeholders. Copy it to backup-account.json and edit it before deploying.',
  );
  const b = deps({ profiles: async () => ['default', 'backup-prod'] });
  await main(['--profile', 'backup-prod', '--region', 'us-west-2', 'status'], b.deps);
  expect(b.regions).toEqual([{ region: 'us-west-2', profile: 'backup-prod' }]);
  expect(b.err).toEqual([]);
});

test('a --region other than backup_region is an error naming both, unless a read-only command is told --other-region', async () => {
  fakeAws();
  const open = deps();
  const args = [
    '--region',
    'eu-west-1',
    'open',
    '--principal',
    RESTORER,
    '--reason',
    'x',
    '--duration',
    '2h',
  ];
  expect(await main(args, open.deps)).toBe(EXIT.usage);
  expect(open.err).toEqual([
    "break-glass: --region eu-west-1 is not the configuration's backup_region us-west-2, where the stack is deployed: drop --region, or correct backup_region",
  ]);
  expect(open.regions).toEqual([]);
  const offline = deps();
  expect(await main(['--region', 'eu-west-1', 'integration', '--offline'], offline.deps)).toBe(EXIT.usage);
  expect(offline.err).toEqual([
    "break-glass: --region eu-west-1 is not the configuration's backup_region us-west-2, where the stack is deployed: drop --region, or correct backup_region; to read eu-west-1 deliberately, add --other-region",
  ]);
  const explicit = deps();
  expect(await main(['--region', 'eu-west-1', 'status', '--other-region'], explicit.deps)).toBe(EXIT.ok);
  expect(explicit.regions).toEqual([{ region: 'eu-west-1', profile: undefined }]);
  expect(explicit.err).toEqual([
    "Warning: --region eu-west-1 differs from the configuration's backup_region us-west-2.",
  ]);
  const close = deps();
  expect(await main(['--region', 'eu-west-1', 'close', '--other-region'], close.deps)).toBe(EXIT.usage);
  expect(close.err.join('\n')).toContain("error: unknown option '--other-region'");
});

test('a --profile that the AWS configuration files do not define is named, with the profiles they define', async () => {
  fakeAws();
  const run = deps({ profiles: async () => ['backup-prod', 'default'] });
  expect(await main(['--profile', 'backup-prd', 'status'], run.deps)).toBe(EXIT.noCredentials);
  expect(run.err).toEqual([
    'break-glass: AWS profile "backup-prd" not found in the AWS configuration files (~/.aws/config, ~/.aws/credentials). Profiles they define: backup-prod, default.',
  ]);
  expect(run.regions).toEqual([]);
  const none = deps({ profiles: async () => [] });
  expect(await main(['--profile', 'x', 'status'], none.deps)).toBe(EXIT.noCredentials);
  expect(none.err.join('')).toContain('They define no profile');
  // offline commands need no profile
  const offline = deps({ profiles: async () => [] });
  expect(await main(['--profile', 'x', 'integration', '--offline'], offline.deps)).toBe(EXIT.ok);
});

test('a misspelled option is reported as unknown, with the nearest known option, and without the whole help', async () => {
  const run = deps();
  expect(await main(['open', '--principle', RESTORER, '--reason', 'x', '--duration', '2h'], run.deps)).toBe(
    EXIT.usage,
  );
  expect(run.err).toEqual([
    "error: unknown option '--principle'\n(Did you mean --principal?)",
    '(run break-glass --help, or break-glass <command> --help, for usage)',
  ]);
});

test("--version prints the version; each command's help lists the global options too", async () => {
  const version = deps();
  expect(await main(['--version'], version.deps)).toBe(EXIT.ok);
  expect(version.out).toEqual([JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).version]);
  const help = deps();
  expect(await main(['open', '--help'], help.deps)).toBe(EXIT.ok);
  const text = help.out.join('\n');
  expect(text).toContain('Global Options:');
  for (const option of [
    '--config <path>',
    '--context <key=value>',
    '--profile <name>',
    '--region <region>',
    '--audit-log <path>',
  ])
    expect(text).toContain(option);
});

test("-c overrides the configuration as cdk -c does, and is validated by the app's rules", async () => {
  fakeAws();
  // the configured vault name decides which vault is read
  await main(['-c', 'ssn_backup_vault_name=OtherSsnVault', 'status'], deps().deps);
  expect(currentAws().callsOf('describeVault')).toEqual([['OtherSsnVault']]);
  // the account check follows -c backup_account_id
  const other = deps();
  expect(await main(['-c', 'backup_account_id=000011115555', 'status'], other.deps)).toBe(EXIT.refused);
  expect(other.err.join('\n')).toMatch(
    /credentials are for account 000011114444.*backup_account_id is 000011115555/,
  );
  // invalid values give the app's messages, exit 2
  const bad = deps();
  expect(await main(['-c', 'backup_account_id=12345', 'status'], bad.deps)).toBe(EXIT.usage);
  expect(bad.err.join('\n')).toContain('backup_account_id: must be 12 digits, got "12345"');
  const malformed = deps();
  expect(await main(['-c', 'no-equals-sign', 'status'], malformed.deps)).toBe(EXIT.usage);
  expect(malformed.err).toEqual(['break-glass: -c expects key=value, got "no-equals-sign"']);
  const twice = deps();
  expect(
    await main(['-c', 'backup_region=us-west-2', '-c', 'backup_region=us-east-2', 'status'], twice.deps),
  ).toBe(EXIT.usage);
  expect(twice.err).toEqual([
    'break-glass: -c backup_region is given twice ("us-west-2" and "us-east-2"): give it once',
  ]);
});

test('--config reads another context file', async () => {
  fakeAws();
  const dir = tempFolder('break-glass-config-');
  const file = join(dir, 'prod.context.json');
  const example = JSON.parse(readFileSync(join(PROJECT_ROOT, 'backup-account.example.json'), 'utf8'));
  writeFileSync(file, JSON.stringify({ ...example, ssn_backup_vault_name: 'ProdSsnVault' }));
  const run = deps();
  expect(await main(['--config', file, 'integration', '--offline'], run.deps)).toBe(0);
  expect(run.out.join('\n')).toContain('SSN vault name:     ProdSsnVault');
  const missing = deps();
  expect(await main(['--config', join(dir, 'nope.json'), 'status'], missing.deps)).toBe(EXIT.usage);
  expect(missing.err.join('\n')).toMatch(/nope.json: does not exist/);
});

test('open through the CLI applies with --yes and writes the audit log given by --audit-log', async () => {
  const fake = fakeAws();
  const run = deps();
  const code = await main(
    [
      '--audit-log',
      run.auditLog,
      'open',
      '--principal',
      RESTORER,
      '--reason',
      OPENING.reason,
      '--duration',
      '2h',
      '--yes',
    ],
    run.deps,
  );
  expect(code).toBe(0);
  expect(fake).toMatchObject(openedText(OPENING));
  expect(JSON.parse(readFileSync(run.auditLog, 'utf8'))).toMatchObject({
    command: 'open',
    outcome: 'applied',
  });
});

test('open without --yes and without a terminal refuses (exit 3); missing options are usage errors (exit 2)', async () => {
  fakeAws();
  const run = deps();
  const args = [
    '--audit-log',
    run.auditLog,
    'open',
    '--principal',
    RESTORER,
    '--reason',
    'x',
    '--duration',
    '2h',
  ];
  expect(await main(args, run.deps)).toBe(EXIT.refused);
  expect(run.err).toEqual([
    'break-glass: Nothing written: pass --yes to apply (there is no terminal to confirm on).',
  ]);
  const missing = deps();
  expect(await main(['open', '--principal', RESTORER, '--duration', '2h'], missing.deps)).toBe(EXIT.usage);
  expect(missing.err.join('\n')).toContain("error: required option '--reason <text>' not specified");
  const tooLong = deps();
  expect(
    await main(['open', '--principal', RESTORER, '--reason', 'x', '--duration', '24h'], tooLong.deps),
  ).toBe(EXIT.usage);
  expect(tooLong.err).toEqual([
    'break-glass: --duration 24h is longer than the maximum of 12h; ask for less, or raise --max-duration deliberately',
  ]);
});

test('--help documents every exit code; no command prints the help and exits 2', async () => {
  const help = deps();
  expect(await main(['--help'], help.deps)).toBe(0);
  const text = help.out.join('\n');
  for (const code of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
    expect(text).toMatch(new RegExp(`^ +${code}  \\S`, 'm'));
  const none = deps();
  expect(await main([], none.deps)).toBe(EXIT.usage);
  expect(none.err.join('\n')).toContain('Usage: break-glass');
});

test('integration prints the stack outputs; --offline prints the configuration and says key ARNs are unknown', async () => {
  const fake = fakeAws();
  fake.describeStack = async (stackName) => ({
    stackId: `arn:aws:cloudformation:us-west-2:000011114444:stack/${stackName}/0a1b2c3d`,
    status: 'UPDATE_COMPLETE',
    lastUpdated: NOW.toISOString(),
    outputs: Object.fromEntries([
      ['BackupVaultName', 'CompactConnectBackupVault'],
      ['BackupVaultArn', 'arn:aws:backup:us-west-2:000011114444:backup-vault:CompactConnectBackupVault'],
      [
        'BackupEncryptionKeyArn',
        'arn:aws:kms:us-west-2:000011114444:key/11111111-2222-4333-8444-555555555555',
      ],
      ['SSNBackupVaultName', 'CompactConnectBackupVault-SSN'],
      [
        'SSNBackupVaultArn',
        'arn:aws:backup:us-west-2:000011114444:backup-vault:CompactConnectBackupVault-SSN',
      ],
      ['SSNBackupEncryptionKeyArn', KEY_ARN],
    ]),
  });
  const online = deps();
  expect(await main(['integration'], online.deps)).toBe(0);
  expect(online.out).toEqual([
    'Backup destination for the environment account (copy actions of its backup plans):',
    '  Backup account ID:  000011114444',
    '  Region:             us-west-2',
    '  General vault name: CompactConnectBackupVault',
    '  General vault ARN:  arn:aws:backup:us-west-2:000011114444:backup-vault:CompactConnectBackupVault',
    '  General key ARN:    arn:aws:kms:us-west-2:000011114444:key/11111111-2222-4333-8444-555555555555',
    '  General key alias:  arn:aws:kms:us-west-2:000011114444:alias/compactconnect-backup-key',
    '  SSN vault name:     CompactConnectBackupVault-SSN',
    '  SSN vault ARN:      arn:aws:backup:us-west-2:000011114444:backup-vault:CompactConnectBackupVault-SSN',
    `  SSN key ARN:        ${KEY_ARN}`,
    '  SSN key alias:      arn:aws:kms:us-west-2:000011114444:alias/compactconnect-ssn-backup-key',
    'Source: CloudFormation outputs of arn:aws:cloudformation:us-west-2:000011114444:stack/BackupAccountStack/0a1b2c3d',
  ]);

  const offline = deps();
  fakeAws();
  expect(await main(['integration', '--offline', '--json'], offline.deps)).toBe(0);
  expect(currentAws().callsOf('describeStack')).toEqual([]);
  expect(JSON.parse(offline.out.join('\n'))).toEqual({
    source: 'the configuration alone (--offline)',
    backupAccountId: '000011114444',
    region: 'us-west-2',
    destinations: [
      {
        kind: 'general',
        vaultName: 'CompactConnectBackupVault',
        vaultArn: 'arn:aws:backup:us-west-2:000011114444:backup-vault:CompactConnectBackupVault',
        keyArn: null,
        keyAliasArn: 'arn:aws:kms:us-west-2:000011114444:alias/compactconnect-backup-key',
      },
      {
        kind: 'ssn',
        vaultName: 'CompactConnectBackupVault-SSN',
        vaultArn: 'arn:aws:backup:us-west-2:000011114444:backup-vault:CompactConnectBackupVault-SSN',
        keyArn: null,
        keyAliasArn: 'arn:aws:kms:us-west-2:000011114444:alias/compactconnect-ssn-backup-key',
      },
    ],
  });
  const offlineText = deps();
  await main(['integration', '--offline'], offlineText.deps);
  expect(offlineText.out).toContain(
    '  SSN key ARN:        (unknown offline: the key ID exists only once deployed; run without --offline)',
  );
});

describe('AWS errors end with one clear line and a non-zero exit code, without a stack trace', () => {
  /** Every call of `method` fails with `error`. */
  const failing = (method: 'callerIdentity' | 'describeKey', error: Error) =>
    currentAws().failures[method].push(...Array<Error>(10).fill(error));
  const cases: [string, () => void, number, RegExp][] = [
    [
      'no credentials',
      () =>
        failing(
          'callerIdentity',
          serviceError('CredentialsProviderError', 'Could not load credentials from any providers'),
        ),
      EXIT.noCredentials,
      /^break-glass: No usable AWS credentials \(CredentialsProviderError: Could not load credentials from any providers\)\. Sign in/,
    ],
    [
      'expired credentials',
      () =>
        failing(
          'callerIdentity',
          serviceError('ExpiredToken', 'The security token included in the request is expired'),
        ),
      EXIT.noCredentials,
      /^break-glass: No usable AWS credentials \(ExpiredToken/,
    ],
    [
      'access denied',
      () =>
        failing(
          'describeKey',
          serviceError(
            'AccessDeniedException',
            'User: arn:aws:sts::000011114444:assumed-role/ReadOnly/jane is not authorized to perform: kms:DescribeKey',
          ),
        ),
      EXIT.accessDenied,
      /^break-glass: Access denied by AWS: User: .* is not authorized to perform: kms:DescribeKey\. Use a role/,
    ],
    [
      'throttling',
      () => failing('describeKey', serviceError('ThrottlingException', 'Rate exceeded')),
      EXIT.throttled,
      /^break-glass: Throttled by AWS \(ThrottlingException\): Rate exceeded\. Wait a minute and retry\.$/,
    ],
    [
      'key alias not found',
      () =>
        failing(
          'describeKey',
          serviceError(
            'NotFoundException',
            'Alias arn:aws:kms:us-west-2:000011114444:alias/compactconnect-ssn-backup-key is not found.',
          ),
        ),
      EXIT.notFound,
      /^break-glass: Not found: Alias .*compactconnect-ssn-backup-key is not found\. Check --region/,
    ],
  ];
  test.each(cases)('%s', async (_name, arrange, exitCode, message) => {
    fakeAws();
    arrange();
    const run = deps();
    expect(await main(['status'], run.deps)).toBe(exitCode);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(message);
    expect(run.err[0]).not.toMatch(NO_STACK);
    expect(run.out).toEqual([]);
  });

  test('a missing stack (CloudFormation ValidationError) is "not found"', async () => {
    fakeAws().failures.describeStack.push(
      serviceError('ValidationError', 'Stack with id BackupAccountStack does not exist'),
    );
    const run = deps();
    expect(await main(['integration'], run.deps)).toBe(EXIT.notFound);
    expect(run.err).toEqual([
      'break-glass: Not found: Stack with id BackupAccountStack does not exist. Check --region, the account of your credentials, and the vault name in the configuration.',
    ]);
  });
});

test('reportError maps anything to one line and an exit code, never a stack trace', () => {
  const lines: string[] = [];
  const crash = new TypeError('boom\n    at somewhere (file.ts:1:1)');
  expect(reportError(crash, (t) => lines.push(t))).toBe(EXIT.unexpected);
  expect(lines).toEqual(['break-glass: TypeError: boom']);
  expect(describeError(new ConfigError([{ key: 'backup_region', message: 'bad' }], 'test'))).toEqual({
    message: 'Invalid configuration (test): 1 problem\n  - backup_region: bad',
    exitCode: EXIT.usage,
  });
  expect(
    describeError(
      serviceError(
        'MalformedPolicyDocumentException',
        'Policy contains a statement with one or more invalid principals.',
      ),
    ),
  ).toEqual({
    message:
      'AWS refused the policy: Policy contains a statement with one or more invalid principals. If it names a principal, check that the role exists.',
    exitCode: EXIT.refused,
  });
  expect(
    describeError(
      Object.assign(new Error('getaddrinfo ENOTFOUND kms.us-west-2.amazonaws.com'), { code: 'ENOTFOUND' }),
    ),
  ).toEqual({
    message:
      'Cannot reach AWS (ENOTFOUND): getaddrinfo ENOTFOUND kms.us-west-2.amazonaws.com. Check the network connection (and proxy) and retry.',
    exitCode: EXIT.network,
  });
  expect(describeError('a string').message).toBe('Error: a string');
});

test('status --json prints the result object, the same the text is made from', async () => {
  fakeAws(openedText(OPENING));
  const run = deps();
  expect(await main(['status', '--json'], run.deps)).toBe(EXIT.open);
  const result = JSON.parse(run.out.join('\n'));
  expect(result).toMatchObject({
    state: 'OPEN',
    exitCode: EXIT.open,
    grant: OPENING,
    keyArn: KEY_ARN,
    restored: { since: '2030-01-30T10:00:00Z', items: [] },
  });
});

test('status --json that fails prints the error as a JSON object on stdout, also for a usage error', async () => {
  fakeAws();
  const bad = deps();
  expect(await main(['-c', 'backup_account_id=12345', 'status', '--json'], bad.deps)).toBe(EXIT.usage);
  expect(JSON.parse(bad.out.join('\n'))).toEqual({
    error: expect.stringContaining('backup_account_id: must be 12 digits, got "12345"'),
    exitCode: EXIT.usage,
  });
  const unknown = deps();
  expect(await main(['status', '--json', '--bogus'], unknown.deps)).toBe(EXIT.usage);
  expect(JSON.parse(unknown.out.join('\n'))).toEqual({
    error: "error: unknown option '--bogus'",
    exitCode: EXIT.usage,
  });
  const text = deps();
  expect(await main(['-c', 'backup_account_id=12345', 'status'], text.deps)).toBe(EXIT.usage);
  expect(text.out).toEqual([]);
});

test('open --dry-run --offline previews from the configuration alone: no credentials, no AWS call', async () => {
  fakeAws();
  const run = deps({ profiles: async () => [] });
  const args = [
    '--profile',
    'none',
    'open',
    '--principal',
    RESTORER,
    '--reason',
    'x',
    '--duration',
    '2h',
    '--dry-run',
    '--offline',
  ];
  expect(await main(args, run.deps)).toBe(EXIT.ok);
  expect(run.out.join('\n')).toContain('offline preview: from the configuration alone');
  expect(run.out).toContain('Dry run: nothing written.');
  expect(currentAws().callsOf('callerIdentity')).toEqual([]);
  const writing = deps();
  expect(
    await main(
      ['open', '--principal', RESTORER, '--reason', 'x', '--duration', '2h', '--offline'],
      writing.deps,
    ),
  ).toBe(EXIT.usage);
  expect(writing.err).toEqual(['break-glass: --offline works only with --dry-run: open writes to AWS']);
});

test('a failed write prints the result, then one error line, and exits with its code', async () => {
  const fake = fakeAws();
  fake.failures.putVaultPolicy.push(serviceError('AccessDeniedException', 'no'));
  const run = deps();
  const args = [
    '--audit-log',
    run.auditLog,
    'open',
    '--principal',
    RESTORER,
    '--reason',
    'x',
    '--duration',
    '2h',
    '--yes',
  ];
  expect(await main(args, run.deps)).toBe(EXIT.rolledBack);
  expect(run.out.some((l) => l.startsWith('Saved the current policies to '))).toBe(true);
  expect(run.out.some((l) => l.startsWith('OPEN:'))).toBe(false);
  expect(run.err).toEqual([
    expect.stringMatching(
      /^break-glass: Writing the vault policy failed \(Access denied by AWS: no\. .*\); the key policy was put back as it was/,
    ),
  ]);
});

test('audit through the CLI: lists the record (--json, --since), exits 17 on a gap, and checks --since', async () => {
  const fake = fakeAws();
  const a = deps();
  expect(
    await main(
      [
        'open',
        '--principal',
        RESTORER,
        '--reason',
        OPENING.reason,
        '--duration',
        '2h',
        '--yes',
        '--audit-log',
        a.auditLog,
      ],
      a.deps,
    ),
  ).toBe(0);
  const listed = deps();
  expect(await main(['audit', '--json'], listed.deps)).toBe(0);
  expect(JSON.parse(listed.out.join('\n'))).toMatchObject({ total: 2, problems: [] });
  const since = deps();
  expect(await main(['audit', '--since', '2030-03-02'], since.deps)).toBe(0);
  expect(since.out.join('\n')).toMatch(/2 records\.\nChain intact/);
  const bad = deps();
  expect(await main(['audit', '--since', 'yesterday'], bad.deps)).toBe(EXIT.usage);
  fake.objects.delete([...fake.objects.keys()].filter((k) => k.includes('/trail/')).sort()[0]);
  const broken = deps();
  expect(await main(['audit'], broken.deps)).toBe(EXIT.recordBroken);
  expect(broken.out.join('\n')).toContain('NOT INTACT:');
  expect(broken.err.join('\n')).toMatch(/break-glass: The break-glass record in s3:\/\/.* is not intact/);
});
