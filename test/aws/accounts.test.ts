// Identity, vault, key and stack calls: the request each sends, the value it returns, and which
// AWS errors are answers (not found, refused) rather than failures.
import {
  DescribeBackupVaultCommand,
  GetBackupVaultAccessPolicyCommand,
  PutBackupVaultAccessPolicyCommand,
} from '@aws-sdk/client-backup';
import { DescribeStacksCommand, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { DescribeKeyCommand, GetKeyPolicyCommand, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ACCOUNT, mockedAws, mocks, serviceError } from './support';

const KEY_ARN = `arn:aws:kms:us-west-2:${ACCOUNT}:key/k-1`;
const VAULT_ARN = `arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:v`;

describe('identity', () => {
  test('callerIdentity: account, ARN and user ID of GetCallerIdentity', async () => {
    const aws = mockedAws();
    mocks.sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: ACCOUNT, Arn: 'arn:caller', UserId: 'AROA:x' });
    await expect(aws.callerIdentity()).resolves.toEqual({
      account: ACCOUNT,
      arn: 'arn:caller',
      userId: 'AROA:x',
    });
  });

  test('callerIdentity: an answer without the account is an error of AWS', async () => {
    const aws = mockedAws();
    mocks.sts.on(GetCallerIdentityCommand).resolves({ Arn: 'arn:caller', UserId: 'AROA:x' });
    await expect(aws.callerIdentity()).rejects.toThrow('AWS returned no caller account');
  });

  test.each([
    ['a role that exists', undefined, true],
    ['NoSuchEntityException', 'NoSuchEntityException', false],
    ['NoSuchEntity', 'NoSuchEntity', false],
    ['AccessDenied', 'AccessDenied', undefined],
    ['AccessDeniedException', 'AccessDeniedException', undefined],
  ])('roleExists: %s', async (_, error, expected) => {
    const aws = mockedAws();
    if (error) mocks.iam.on(GetRoleCommand).rejects(serviceError(error));
    else mocks.iam.on(GetRoleCommand).resolves({});
    await expect(aws.roleExists('SsnRestore')).resolves.toBe(expected);
    expect(mocks.iam).toHaveReceivedCommandWith(GetRoleCommand, { RoleName: 'SsnRestore' });
  });

  test('roleExists: any other error is thrown', async () => {
    const aws = mockedAws();
    mocks.iam.on(GetRoleCommand).rejects(serviceError('ThrottlingException'));
    await expect(aws.roleExists('SsnRestore')).rejects.toThrow('ThrottlingException');
  });
});

describe('vault', () => {
  test('getVaultPolicy: the policy text; none when AWS Backup answers ResourceNotFoundException', async () => {
    const aws = mockedAws();
    mocks.backup.on(GetBackupVaultAccessPolicyCommand, { BackupVaultName: 'v' }).resolves({ Policy: '{}' });
    await expect(aws.getVaultPolicy('v')).resolves.toBe('{}');
    mocks.backup.on(GetBackupVaultAccessPolicyCommand).rejects(serviceError('ResourceNotFoundException'));
    await expect(aws.getVaultPolicy('v')).resolves.toBeUndefined();
    mocks.backup.on(GetBackupVaultAccessPolicyCommand).rejects(serviceError('AccessDeniedException'));
    await expect(aws.getVaultPolicy('v')).rejects.toThrow('AccessDeniedException');
  });

  test('putVaultPolicy sends the vault and the policy', async () => {
    const aws = mockedAws();
    mocks.backup.on(PutBackupVaultAccessPolicyCommand).resolves({});
    await aws.putVaultPolicy('v', '{"x":1}');
    expect(mocks.backup).toHaveReceivedCommandWith(PutBackupVaultAccessPolicyCommand, {
      BackupVaultName: 'v',
      Policy: '{"x":1}',
    });
  });

  test('describeVault: name, ARN and key; a vault without a key is an error of AWS', async () => {
    const aws = mockedAws();
    mocks.backup
      .on(DescribeBackupVaultCommand, { BackupVaultName: 'v' })
      .resolves({ BackupVaultArn: VAULT_ARN, EncryptionKeyArn: KEY_ARN });
    await expect(aws.describeVault('v')).resolves.toEqual({
      name: 'v',
      arn: VAULT_ARN,
      encryptionKeyArn: KEY_ARN,
    });
    mocks.backup.on(DescribeBackupVaultCommand).resolves({ BackupVaultArn: VAULT_ARN });
    await expect(aws.describeVault('v')).rejects.toThrow('AWS returned no encryption key of vault v');
  });

  test('vaultExists: true, false on ResourceNotFoundException, thrown otherwise', async () => {
    const aws = mockedAws();
    mocks.backup.on(DescribeBackupVaultCommand).resolves({ BackupVaultName: 'Default' });
    await expect(aws.vaultExists('Default')).resolves.toBe(true);
    expect(mocks.backup).toHaveReceivedCommandWith(DescribeBackupVaultCommand, {
      BackupVaultName: 'Default',
    });
    mocks.backup.on(DescribeBackupVaultCommand).rejects(serviceError('ResourceNotFoundException'));
    await expect(aws.vaultExists('Default')).resolves.toBe(false);
    mocks.backup.on(DescribeBackupVaultCommand).rejects(serviceError('AccessDeniedException'));
    await expect(aws.vaultExists('Default')).rejects.toThrow('AccessDeniedException');
  });
});

describe('key', () => {
  test('describeKey: the key ID and ARN of an alias', async () => {
    const aws = mockedAws();
    mocks.kms
      .on(DescribeKeyCommand, { KeyId: 'alias/k' })
      .resolves({ KeyMetadata: { KeyId: 'k-1', Arn: KEY_ARN } });
    await expect(aws.describeKey('alias/k')).resolves.toEqual({ keyId: 'k-1', arn: KEY_ARN });
    mocks.kms.on(DescribeKeyCommand).rejects(serviceError('NotFoundException'));
    await expect(aws.describeKey('alias/k')).rejects.toThrow('NotFoundException');
  });

  test('getKeyPolicy and putKeyPolicy name the one policy "default"', async () => {
    const aws = mockedAws();
    mocks.kms.on(GetKeyPolicyCommand).resolves({ Policy: '{"k":1}' });
    mocks.kms.on(PutKeyPolicyCommand).resolves({});
    await expect(aws.getKeyPolicy('k-1')).resolves.toBe('{"k":1}');
    await aws.putKeyPolicy('k-1', '{"k":2}');
    expect(mocks.kms).toHaveReceivedCommandWith(GetKeyPolicyCommand, { KeyId: 'k-1', PolicyName: 'default' });
    expect(mocks.kms).toHaveReceivedCommandWith(PutKeyPolicyCommand, {
      KeyId: 'k-1',
      PolicyName: 'default',
      Policy: '{"k":2}',
    });
  });
});

describe('stack', () => {
  test('describeStack: ID, status, outputs and the last update (or the creation)', async () => {
    const aws = mockedAws();
    mocks.cloudformation.on(DescribeStacksCommand, { StackName: 'S' }).resolves({
      Stacks: [
        {
          StackId: 'arn:stack/S/1',
          StackName: 'S',
          StackStatus: 'UPDATE_COMPLETE',
          CreationTime: new Date('2030-01-01T00:00:00Z'),
          Outputs: [{ OutputKey: 'A', OutputValue: 'a' }, { OutputKey: 'B' }],
        },
      ],
    });
    await expect(aws.describeStack('S')).resolves.toEqual({
      stackId: 'arn:stack/S/1',
      status: 'UPDATE_COMPLETE',
      outputs: { A: 'a' },
      lastUpdated: '2030-01-01T00:00:00.000Z',
    });
    mocks.cloudformation.on(DescribeStacksCommand).resolves({ Stacks: [] });
    await expect(aws.describeStack('S')).rejects.toThrow('AWS returned no stack S');
  });

  test('stackTemplate: the template text', async () => {
    const aws = mockedAws();
    mocks.cloudformation.on(GetTemplateCommand, { StackName: 'S' }).resolves({ TemplateBody: '{}' });
    await expect(aws.stackTemplate('S')).resolves.toBe('{}');
    mocks.cloudformation.on(GetTemplateCommand).resolves({});
    await expect(aws.stackTemplate('S')).rejects.toThrow('AWS returned no template for stack S');
  });
});
