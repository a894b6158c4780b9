import 'aws-sdk-client-mock-jest';
import { PutBackupVaultAccessPolicyCommand } from '@aws-sdk/client-backup';
import { DescribeKeyCommand, GetKeyPolicyCommand, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { runStatus } from '../../lib/break-glass/commands/status';
import { EXIT } from '../../lib/cli';
import {
  BASELINE_TEXT,
  backupMock,
  fakeAws,
  GRANT,
  KEY_ID,
  kmsMock,
  openedText,
  runtime,
  stsMock,
} from './fixture';

test('SEALED: the baseline is deployed; exit 0; nothing is written', async () => {
  // GIVEN
  fakeAws();
  const rt = runtime();
  // WHEN
  const code = await runStatus(rt);
  // THEN
  expect(code).toBe(EXIT.ok);
  expect(rt.lines[0]).toMatch(/^SEALED: no break-glass access/);
  expect(kmsMock).toHaveReceivedCommandWith(DescribeKeyCommand, {
    KeyId: 'alias/compactconnect-ssn-backup-key',
  });
  expect(kmsMock).toHaveReceivedCommandWith(GetKeyPolicyCommand, { KeyId: KEY_ID, PolicyName: 'default' });
  expect(kmsMock).not.toHaveReceivedCommand(PutKeyPolicyCommand);
  expect(backupMock).not.toHaveReceivedCommand(PutBackupVaultAccessPolicyCommand);
});

test('OPEN: says for whom, until when and why; exit 10', async () => {
  fakeAws(openedText(GRANT));
  const rt = runtime();
  expect(await runStatus(rt)).toBe(EXIT.open);
  expect(rt.lines).toEqual([
    'OPEN: arn:aws:iam::000011114444:role/SsnRestore may restore from CompactConnectBackupVault-SSN and decrypt with the SSN key',
    '  until:  2030-03-01T12:00:00Z (in 2h 0m)',
    '  reason: INC-1234 restore the licensee table',
    '  Run close when the restore is done.',
  ]);
});

test('EXPIRED: a grant past its expiry is reported as ended; exit 11', async () => {
  fakeAws(openedText(GRANT));
  const rt = runtime({ now: new Date('2030-03-01T12:30:00Z') });
  expect(await runStatus(rt)).toBe(EXIT.expired);
  expect(rt.lines[0]).toBe(
    'EXPIRED: the opening for arn:aws:iam::000011114444:role/SsnRestore ended at 2030-03-01T12:00:00Z (30m ago); nobody has access.',
  );
});

test('DRIFTED: a hand-edited key policy gives a readable diff; exit 12', async () => {
  const key = JSON.parse(BASELINE_TEXT.key);
  key.Statement.find((s: { Sid?: string }) => s.Sid === 'DenySSNKeyDecryptOperations').Action = [
    'kms:Decrypt',
  ];
  fakeAws({ vault: BASELINE_TEXT.vault, key: JSON.stringify(key) });
  const rt = runtime();
  expect(await runStatus(rt)).toBe(EXIT.drifted);
  const text = rt.lines.join('\n');
  expect(text).toMatch(/^DRIFTED: /);
  expect(text).toContain('SSN vault access policy: sealed');
  expect(text).toContain('SSN key policy: DRIFTED: the key policy differs from the baseline');
  expect(text).toContain('diff against the baseline (- expected, + deployed):');
  expect(text).toMatch(/^ +- +"kms:ReEncryptFrom"$/m);
  expect(text).toMatch(/^ +\+ +"kms:Decrypt"$/m);
});

test('DRIFTED: half an opening (the vault open, the key sealed) is not reported as OPEN', async () => {
  fakeAws({ vault: openedText(GRANT).vault, key: BASELINE_TEXT.key });
  const rt = runtime();
  expect(await runStatus(rt)).toBe(EXIT.drifted);
  expect(rt.lines.join('\n')).toContain(
    'SSN vault access policy: open for arn:aws:iam::000011114444:role/SsnRestore',
  );
});

test('DRIFTED: a vault without access policy', async () => {
  fakeAws({ vault: undefined, key: BASELINE_TEXT.key });
  const rt = runtime();
  expect(await runStatus(rt)).toBe(EXIT.drifted);
  expect(rt.lines.join('\n')).toContain('DRIFTED: the vault has no access policy');
});

test('credentials of another account are refused before anything is read', async () => {
  fakeAws();
  stsMock
    .on(GetCallerIdentityCommand)
    .resolves({ Account: '000011112222', Arn: 'arn:aws:sts::000011112222:assumed-role/X/y', UserId: 'U' });
  await expect(runStatus(runtime())).rejects.toMatchObject({
    exitCode: EXIT.refused,
    message: expect.stringMatching(
      /credentials are for account 000011112222.*backup_account_id is 000011114444/,
    ),
  });
  expect(kmsMock).not.toHaveReceivedCommand(DescribeKeyCommand);
});
