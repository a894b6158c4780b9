import {
  addTable,
  recoveryPoint,
  RESTORED,
  RESTORED_ARN,
  restoreJob,
  restoredBy,
  table,
  tableArn,
} from './data';
import { runStatus } from '../../lib/break-glass/commands/status';
import { statusJson } from '../../lib/break-glass/json';
import { statusText } from '../../lib/break-glass/text';
import { EXIT } from '../../lib/cli';
import {
  ACCOUNT,
  BASELINE_TEXT,
  fakeAws,
  GENERAL_VAULT_ARN,
  OPENING,
  KEY_ARN,
  KEY_ID,
  openedText,
  RESTORER,
  runtime,
  seedTrail,
  VAULT_ARN,
  currentAws,
} from './fixture';

test("SEALED: the baseline is deployed, the key is the vault's, no restored data; exit 0; nothing is written", async () => {
  // GIVEN
  fakeAws();
  // WHEN
  const resultRaw = await runStatus(runtime());
  const result = statusJson(resultRaw);
  // THEN
  expect(result).toMatchObject({ state: 'SEALED', exitCode: EXIT.ok, keyArn: KEY_ARN, vaultArn: VAULT_ARN });
  expect(result.restored.items).toEqual([]);
  const aws = currentAws();
  expect(aws.callsOf('listRestoreJobs')).toEqual([[new Date('2030-01-30T10:00:00Z')]]); // 30 days back
  expect(aws.callsOf('describeKey')).toContainEqual([KEY_ARN]);
  expect(aws.callsOf('getKeyPolicy')).toEqual([[KEY_ID]]);
  expect(currentAws().callsOf('putKeyPolicy')).toEqual([]);
  expect(currentAws().callsOf('putVaultPolicy')).toEqual([]);
  expect(statusText(resultRaw)[0]).toMatch(/^SEALED: no break-glass access/);
});

test('OPEN: says for whom, until when and why; exit 10', async () => {
  fakeAws(openedText(OPENING));
  const resultRaw = await runStatus(runtime());
  const result = statusJson(resultRaw);
  expect(result).toMatchObject({ state: 'OPEN', exitCode: EXIT.open, grant: OPENING });
  expect(statusText(resultRaw)).toEqual([
    'OPEN: arn:aws:iam::000011114444:role/SsnRestore may restore from CompactConnectBackupVault-SSN and decrypt with the SSN key',
    '  until:  2030-03-01T12:00:00Z (in 2h 0m)',
    '  reason: INC-1234 restore the licensee table',
    '  Run close when the restore is done.',
    'Restores from the SSN vault since 2030-01-30T10:00:00Z: none.',
    'Record: 0 records in s3://compactconnect-backup-evidence-000011114444-us-west-2, chain intact.',
  ]);
});

test('EXPIRED: a grant past its expiry is reported as ended; exit 11', async () => {
  fakeAws(openedText(OPENING));
  const resultRaw = await runStatus(runtime({ now: new Date('2030-03-01T12:30:00Z') }));
  const result = statusJson(resultRaw);
  expect(result).toMatchObject({ state: 'EXPIRED', exitCode: EXIT.expired, grant: OPENING });
  expect(statusText(resultRaw)[0]).toBe(
    'EXPIRED: the opening for arn:aws:iam::000011114444:role/SsnRestore ended at 2030-03-01T12:00:00Z (30m ago); nobody has access.',
  );
});

test('DRIFTED: a hand-edited key policy gives a readable diff; exit 12', async () => {
  const key = JSON.parse(BASELINE_TEXT.key);
  const deny = key.Statement.find((s: { Sid: string }) => s.Sid === 'DenySSNKeyDecryptOperations');
  deny.Action = ['kms:Decrypt'];
  fakeAws({ vault: BASELINE_TEXT.vault, key: JSON.stringify(key) });
  const resultRaw = await runStatus(runtime());
  const result = statusJson(resultRaw);
  expect(result).toMatchObject({
    state: 'DRIFTED',
    exitCode: EXIT.drifted,
    policies: {
      vault: { state: 'sealed' },
      key: {
        state: 'drifted',
        summary: 'the key policy differs from the baseline',
        comparedWith: 'the baseline',
      },
    },
  });
  expect(result.policies?.key).toMatchObject({
    diff: expect.arrayContaining([expect.stringMatching(/^- +"kms:ReEncryptFrom"$/)]),
  });
  const text = statusText(resultRaw).join('\n');
  expect(text).toMatch(/^DRIFTED: /);
  expect(text).toContain('diff against the baseline (- expected, + deployed):');
  expect(text).toMatch(/^ +- +"kms:ReEncryptFrom"$/m);
});

test('DRIFTED: half an opening (the vault open, the key sealed) is not reported as OPEN', async () => {
  fakeAws({ vault: openedText(OPENING).vault, key: BASELINE_TEXT.key });
  const resultRaw = await runStatus(runtime());
  const result = statusJson(resultRaw);
  expect(result.state).toBe('DRIFTED');
  expect(result.policies).toEqual({ vault: { state: 'open', grant: OPENING }, key: { state: 'sealed' } });
});

test('DRIFTED: a vault without access policy', async () => {
  fakeAws({ vault: undefined, key: BASELINE_TEXT.key });
  const resultRaw = await runStatus(runtime());
  const result = statusJson(resultRaw);
  expect(result.state).toBe('DRIFTED');
  expect(result.policies?.vault).toMatchObject({
    state: 'drifted',
    summary: 'the vault has no access policy',
  });
});

test("the key acted on is the vault's (EncryptionKeyArn); an alias naming another key is DRIFTED", async () => {
  // GIVEN the alias moved to another key
  const fake = fakeAws();
  const other = `arn:aws:kms:us-west-2:${ACCOUNT}:key/99999999-8888-4777-8666-555555555555`;
  fake.keys.set('99999999-8888-4777-8666-555555555555', {
    keyId: '99999999-8888-4777-8666-555555555555',
    arn: other,
    policy: BASELINE_TEXT.key,
  });
  fake.aliases.set('alias/compactconnect-ssn-backup-key', '99999999-8888-4777-8666-555555555555');
  // WHEN
  const resultRaw = await runStatus(runtime());
  const result = statusJson(resultRaw);
  // THEN the policies read are the vault key's, and the state says where the alias points
  expect(fake.callsOf('getKeyPolicy')).toEqual([[KEY_ID]]);
  expect(result).toMatchObject({
    state: 'DRIFTED',
    exitCode: EXIT.drifted,
    keyArn: KEY_ARN,
    aliasDrift: { alias: 'alias/compactconnect-ssn-backup-key', aliasKeyArn: other },
  });
  expect(result.policies).toBeUndefined();
  expect(statusText(resultRaw)[0]).toContain(
    `names key ${other}, but vault CompactConnectBackupVault-SSN encrypts with key ${KEY_ARN}`,
  );
});

test('a deleted alias is DRIFTED too', async () => {
  fakeAws().aliases.delete('alias/compactconnect-ssn-backup-key');
  const resultRaw = await runStatus(runtime());
  const result = statusJson(resultRaw);
  expect(result).toMatchObject({ state: 'DRIFTED', aliasDrift: { aliasKeyArn: undefined } });
  expect(statusText(resultRaw)[0]).toContain('does not exist');
});

describe('restored data is part of the state', () => {
  test('a completed restore whose table still exists: SEALED, RESTORED DATA REMAINS, exit 14', async () => {
    const fake = fakeAws();
    fake.restoreJobs = [restoreJob('r1')];
    const restored = addTable(fake, restoredBy('r1'));
    const resultRaw = await runStatus(runtime());
    const result = statusJson(resultRaw);
    expect(result).toMatchObject({
      state: 'SEALED, RESTORED DATA REMAINS',
      exitCode: EXIT.restoredDataRemains,
    });
    expect(result.restored.items).toEqual([
      {
        job: {
          restoreJobId: 'r1',
          backupVaultArn: VAULT_ARN,
          recoveryPointArn: recoveryPoint('rp-r1'),
          status: 'COMPLETED',
          statusMessage: undefined,
          createdAt: '2030-03-01T09:30:00.000Z',
          iamRoleArn: RESTORER,
          createdResourceArn: RESTORED_ARN,
          resourceType: 'DynamoDB',
        },
        resource: 'exists',
        table: expect.objectContaining({ arn: RESTORED_ARN, tableId: restored.tableId, kmsKeyArn: KEY_ARN }),
        descendants: [],
      },
    ]);
    expect(currentAws().callsOf('describeTable')).toContainEqual([RESTORED]);
    expect(statusText(resultRaw).join('\n')).toContain(
      `${RESTORED_ARN}: still exists (encrypted with the SSN key)`,
    );
  });

  test('a restored table under another key than the SSN key is named as such: close does not seal it', async () => {
    const fake = fakeAws();
    fake.restoreJobs = [restoreJob('r1')];
    addTable(fake, restoredBy('r1', RESTORED, { key: null }));
    const text = statusText(await runStatus(runtime())).join('\n');
    expect(text).toContain('(encrypted with an AWS owned key, NOT the SSN key: close does not seal it)');
  });

  test('a restore still running counts as remaining: a table may appear', async () => {
    const fake = fakeAws();
    fake.restoreJobs = [restoreJob('r2', { status: 'RUNNING', createdResourceArn: undefined })];
    const resultRaw = await runStatus(runtime());
    const result = statusJson(resultRaw);
    expect(result.state).toBe('SEALED, RESTORED DATA REMAINS');
    expect(result.restored.items[0].resource).toBe('pending');
  });

  test('a deleted table, a failed job and a job of the general vault leave it SEALED', async () => {
    const fake = fakeAws();
    fake.restoreJobs = [
      restoreJob('deleted'),
      restoreJob('failed', { status: 'FAILED', createdResourceArn: undefined }),
      restoreJob('general', {
        backupVaultArn: GENERAL_VAULT_ARN,
        createdResourceArn: tableArn('general-copy'),
      }),
    ];
    addTable(fake, table('general-copy', { from: { backup: recoveryPoint('rp-general') } }));
    const resultRaw = await runStatus(runtime());
    const result = statusJson(resultRaw);
    expect(result).toMatchObject({ state: 'SEALED', exitCode: EXIT.ok });
    expect(result.restored.items.map((i) => [i.job.restoreJobId, i.resource])).toEqual([
      ['deleted', 'deleted'],
      ['failed', 'none'],
    ]);
  });

  test('every restore job is listed (the SDK mapping reads every page: test/aws)', async () => {
    const fake = fakeAws();
    fake.restoreJobs = [
      restoreJob('p1', { createdResourceArn: undefined, status: 'ABORTED' }),
      restoreJob('p2', { createdResourceArn: undefined, status: 'ABORTED' }),
      restoreJob('p3'),
    ];
    addTable(fake, restoredBy('p3'));
    const resultRaw = await runStatus(runtime());
    const result = statusJson(resultRaw);
    expect(result.restored.items.map((i) => i.job.restoreJobId)).toEqual(['p1', 'p2', 'p3']);
    expect(result.state).toBe('SEALED, RESTORED DATA REMAINS');
  });

  test('restore jobs are listed back to the earliest opening in the audit log when it is older than 30 days', async () => {
    const fake = fakeAws();
    const rt = runtime();
    seedTrail(fake, [
      {
        event: 'open',
        record: {
          time: '2029-12-01T08:00:00Z',
          command: 'open',
          outcome: 'applied',
          account: ACCOUNT,
          vaultName: 'CompactConnectBackupVault-SSN',
        },
      },
    ]);
    await runStatus(rt);
    expect(currentAws().callsOf('listRestoreJobs')).toContainEqual([new Date('2029-12-01T08:00:00Z')]);
  });
});

test('credentials of another account are refused before anything is read', async () => {
  fakeAws().caller = {
    account: '000011112222',
    arn: 'arn:aws:sts::000011112222:assumed-role/X/y',
    userId: 'U',
  };
  await expect(runStatus(runtime())).rejects.toMatchObject({
    reason: 'wrong-account',
    message: expect.stringMatching(
      /credentials are for account 000011112222.*backup_account_id is 000011114444/,
    ),
  });
  expect(currentAws().callsOf('describeKey')).toEqual([]);
});
