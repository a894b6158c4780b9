/**
 * Two mocked accounts for the drill: real SDK clients whose `send` is mocked (aws-sdk-client-mock),
 * answering from a `World` that each test starts healthy and then breaks. Time is a fake clock that
 * `sleep` advances, so waiting for jobs costs nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BackupClient,
  DeleteRecoveryPointCommand,
  DescribeBackupJobCommand,
  DescribeBackupVaultCommand,
  DescribeCopyJobCommand,
  DescribeRecoveryPointCommand,
  DescribeRegionSettingsCommand,
  DescribeRestoreJobCommand,
  GetRecoveryPointRestoreMetadataCommand,
  StartBackupJobCommand,
  StartCopyJobCommand,
  StartRestoreJobCommand,
  TagResourceCommand,
} from '@aws-sdk/client-backup';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient, type Event, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import {
  type AttributeValue,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { awsFromClients } from '../../lib/aws';
import type { DrillClients } from '../../bin/drill';
import type { DrillDeps, DrillEvent } from '../../lib/drill/context';
import type { DrillSeal } from '../../lib/drill/seal';
import { type DrillRecord, RecordStore, stepsOf } from '../../lib/drill/record';
import { drillSettings } from '../../lib/drill/settings';
import { configWith } from '../support/config';

export const config = configWith();
export const BACKUP_ACCOUNT = config.backupAccountId;
export const SOURCE_ACCOUNT = config.sourceAccountIds[0];
export const REGION = config.backupRegion;
export const SOURCE_REGION = config.sourceRegions[0];
export const START = new Date('2030-03-01T10:00:00.000Z');
export const VAULT = {
  general: {
    name: config.backupVaultName,
    arn: `arn:aws:backup:${REGION}:${BACKUP_ACCOUNT}:backup-vault:${config.backupVaultName}`,
  },
  ssn: {
    name: config.ssnBackupVaultName,
    arn: `arn:aws:backup:${REGION}:${BACKUP_ACCOUNT}:backup-vault:${config.ssnBackupVaultName}`,
  },
};
export const KEY_ARN = {
  general: `arn:aws:kms:${REGION}:${BACKUP_ACCOUNT}:key/11111111-2222-4333-8444-555555555555`,
  ssn: `arn:aws:kms:${REGION}:${BACKUP_ACCOUNT}:key/66666666-7777-4888-8999-aaaaaaaaaaaa`,
};
export const EVIDENCE_BUCKET = `compactconnect-backup-evidence-${BACKUP_ACCOUNT}-${REGION}`;
const SOURCE_RP = `arn:aws:dynamodb:${SOURCE_REGION}:${SOURCE_ACCOUNT}:table/t/backup/01`;

export function serviceError(name: string, message = `${name} from the mock`): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: {} });
}

/** Who calls: the source account, the backup account as the operator, or as the opened role. */
type Side = 'source' | 'backup' | 'role';
type Account = 'source' | 'backup';
const accountOf = (side: Side): Account => (side === 'source' ? 'source' : 'backup');
type JobKind = 'backup' | 'copy-general' | 'copy-ssn' | 'restore' | 'restore-ssn';

/** A job's scripted life: the states DescribeXJob reports, one per call, the last repeated. */
interface Job {
  readonly id: string;
  states: string[];
  readonly createdAt: Date;
  /** Minutes from creation to completion, as AWS reports them. */
  minutes: number;
}

/** What the two mocked accounts hold. */
export interface World {
  callers: Record<Account, string>;
  outputs: Record<string, string>;
  dynamoDb: { optedIn: boolean; advanced: boolean };
  sourceVaults: string[];
  roles: Record<Account, string[]>;
  tables: Record<
    Account,
    Map<string, { status: string; items: Record<string, AttributeValue>[]; keyArn?: string }>
  >;
  /** The states each new job of a kind goes through (the last one stays). */
  script: Record<JobKind, string[]>;
  /** Minutes each job of a kind takes, by AWS's creation and completion dates. */
  minutes: Record<JobKind, number>;
  jobs: Map<string, Job & { kind: JobKind; token?: string }>;
  /** Recovery points in the backup account's vaults, by ARN. */
  vaultPoints: Map<string, { vault: string; keyArn: string; tags: Record<string, string> }>;
  sourcePoints: Set<string>;
  /** Changes a restored item on the way back (a digest mismatch). */
  corruptRestore: boolean;
  events: Record<'general' | 'ssn', Event[]>;
  /** Errors to throw, once each, by command name (and side): a failure, or an interruption. */
  failures: { side: Side; command: string; error: Error }[];
  /** Every call, in order: `side:CommandName`. */
  calls: string[];
  /** Everything AWS made, in order: tables by name, jobs by kind. */
  made: string[];
  /** Objects written into the evidence bucket, by key: every version, in order. */
  evidence: Map<string, string[]>;
  /** The SSN seal as the break-glass tool would report it. */
  seal: { state: 'SEALED' | 'OPEN' | 'DRIFTED'; principal?: string; reason?: string };
  /** Whether closing the seal makes a table under the SSN key unreadable (it should). */
  sealHolds: boolean;
  /** Set by `answerFrom`: the fake clock, which `sleep` advances. */
  clock?: (ms: number) => void;
  now?: () => Date;
}

/** What the fixture needs of a mocked client. */
interface Stubbable {
  on(command: never): { callsFake(f: (input: unknown) => unknown): unknown };
}

export function healthyWorld(): World {
  return {
    callers: { source: SOURCE_ACCOUNT, backup: BACKUP_ACCOUNT },
    outputs: {
      BackupVaultName: VAULT.general.name,
      BackupVaultArn: VAULT.general.arn,
      BackupEncryptionKeyArn: KEY_ARN.general,
      SSNBackupVaultName: VAULT.ssn.name,
      SSNBackupVaultArn: VAULT.ssn.arn,
      SSNBackupEncryptionKeyArn: KEY_ARN.ssn,
      EvidenceBucketName: EVIDENCE_BUCKET,
    },
    dynamoDb: { optedIn: true, advanced: true },
    sourceVaults: ['Default'],
    roles: {
      source: ['service-role/AWSBackupDefaultServiceRole'],
      backup: ['service-role/AWSBackupDefaultServiceRole', 'BackupDrill'],
    },
    tables: { source: new Map(), backup: new Map() },
    script: {
      backup: ['RUNNING', 'COMPLETED'],
      'copy-general': ['RUNNING', 'COMPLETED'],
      'copy-ssn': ['RUNNING', 'COMPLETED'],
      restore: ['RUNNING', 'COMPLETED'],
      'restore-ssn': ['RUNNING', 'COMPLETED'],
    },
    minutes: { backup: 3, 'copy-general': 12, 'copy-ssn': 12, restore: 20, 'restore-ssn': 20 },
    jobs: new Map(),
    vaultPoints: new Map(),
    sourcePoints: new Set(),
    corruptRestore: false,
    events: {
      general: [keyEvent('GenerateDataKey', 'backup.amazonaws.com')],
      ssn: [keyEvent('GenerateDataKey', 'backup.amazonaws.com')],
    },
    failures: [],
    calls: [],
    made: [],
    evidence: new Map(),
    seal: { state: 'SEALED' },
    sealHolds: true,
  };
}

/** A KMS event by this account's AWS Backup service-linked role, as LookupEvents returns it. */
function keyEvent(eventName: string, invokedBy: string): Event {
  return {
    EventName: eventName,
    CloudTrailEvent: JSON.stringify({
      eventName,
      userIdentity: {
        type: 'AssumedRole',
        accountId: BACKUP_ACCOUNT,
        invokedBy,
        arn: `arn:aws:sts::${BACKUP_ACCOUNT}:assumed-role/AWSServiceRoleForBackup/AWSBackup-AWSServiceRoleForBackup`,
        sessionContext: {
          sessionIssuer: {
            arn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/aws-service-role/backup.amazonaws.com/AWSServiceRoleForBackup`,
          },
        },
      },
    }),
  };
}

function newClients(side: Side) {
  const region = side === 'source' ? SOURCE_REGION : REGION;
  return {
    backup: new BackupClient({ region }),
    dynamodb: new DynamoDBClient({ region }),
    iam: new IAMClient({ region }),
    sts: new STSClient({ region }),
    cloudformation: new CloudFormationClient({ region }),
    cloudtrail: new CloudTrailClient({ region }),
    s3: new S3Client({ region }),
    kms: new KMSClient({ region }),
    sns: new SNSClient({ region }),
  };
}

/** Real clients of both accounts, each instance mocked. */
export const clients = {
  source: newClients('source'),
  backup: newClients('backup'),
} satisfies DrillClients;

/** The backup account's clients acting as the opened role (--break-glass). */
export const roleClients = newClients('backup');

const mocks = {
  source: {
    backup: mockClient(clients.source.backup),
    dynamodb: mockClient(clients.source.dynamodb),
    iam: mockClient(clients.source.iam),
    sts: mockClient(clients.source.sts),
  },
  backup: {
    backup: mockClient(clients.backup.backup),
    dynamodb: mockClient(clients.backup.dynamodb),
    iam: mockClient(clients.backup.iam),
    sts: mockClient(clients.backup.sts),
    cloudformation: mockClient(clients.backup.cloudformation),
    cloudtrail: mockClient(clients.backup.cloudtrail),
    s3: mockClient(clients.backup.s3),
  },
  role: {
    backup: mockClient(roleClients.backup),
    dynamodb: mockClient(roleClients.dynamodb),
    iam: mockClient(roleClients.iam),
    sts: mockClient(roleClients.sts),
    cloudformation: mockClient(roleClients.cloudformation),
    cloudtrail: mockClient(roleClients.cloudtrail),
    s3: mockClient(roleClients.s3),
  },
};

/** Mocks answer every call from `world`; returns the world for the test to change. */
export function answerFrom(world: World): World {
  let clock = 0;
  const now = () => new Date(START.getTime() + clock);
  const track = (side: Side, command: string) => {
    world.calls.push(`${side}:${command}`);
    const index = world.failures.findIndex((f) => f.side === side && f.command === command);
    if (index >= 0) throw world.failures.splice(index, 1)[0].error;
  };
  const on = <I, O>(
    stub: Stubbable,
    side: Side,
    command: { readonly name: string },
    answer: (input: I) => O,
  ) => {
    stub.on(command as never).callsFake(async (input: unknown) => {
      track(side, command.name.replace(/Command$/, ''));
      return answer(input as I);
    });
  };
  const startJob = (kind: JobKind, token?: string) => {
    const existing = [...world.jobs.values()].find((j) => token !== undefined && j.token === token);
    if (existing) return existing.id;
    const id = `${kind}-job-${world.jobs.size + 1}`;
    world.made.push(`${kind} job`);
    world.jobs.set(id, {
      id,
      kind,
      token,
      states: [...world.script[kind]],
      createdAt: now(),
      minutes: world.minutes[kind],
    });
    return id;
  };
  const advance = (id: string) => {
    const job = world.jobs.get(id);
    if (!job) throw serviceError('ResourceNotFoundException', `no job ${id}`);
    const state = job.states.length > 1 ? (job.states.shift() ?? '') : job.states[0];
    const done = state === 'COMPLETED';
    return {
      state,
      created: job.createdAt,
      completed: done ? new Date(job.createdAt.getTime() + job.minutes * 60_000) : undefined,
      job,
    };
  };
  const copyPoint = (job: Job & { kind: JobKind }) =>
    `arn:aws:backup:${REGION}:${BACKUP_ACCOUNT}:recovery-point:${job.id}`;

  for (const side of ['source', 'backup', 'role'] as const) {
    const m = mocks[side];
    const account = accountOf(side);
    const tables = world.tables[account];
    for (const stub of Object.values(m)) stub.reset();
    on(m.sts, side, GetCallerIdentityCommand, () => ({
      Account: world.callers[account],
      Arn: `arn:aws:sts::${world.callers[account]}:assumed-role/Operator/drill`,
      UserId: 'AROAEXAMPLE:drill',
    }));
    on(m.iam, side, GetRoleCommand, (input: { RoleName?: string }) => {
      if (!world.roles[account].some((r) => r.endsWith(input.RoleName ?? '')))
        throw serviceError('NoSuchEntityException');
      return { Role: {} };
    });
    on(m.dynamodb, side, CreateTableCommand, (input: { TableName?: string }) => {
      const name = input.TableName ?? '';
      if (tables.has(name)) throw serviceError('ResourceInUseException');
      tables.set(name, { status: 'CREATING', items: [] });
      world.made.push(`${account} table`);
      return {};
    });
    on(m.dynamodb, side, DescribeTableCommand, (input: { TableName?: string }) => {
      const table = tables.get(input.TableName ?? '');
      if (!table) throw serviceError('ResourceNotFoundException');
      const status = table.status;
      table.status = 'ACTIVE';
      const accountId = side === 'source' ? SOURCE_ACCOUNT : BACKUP_ACCOUNT;
      const region = side === 'source' ? SOURCE_REGION : REGION;
      return {
        Table: {
          TableStatus: status,
          TableArn: `arn:aws:dynamodb:${region}:${accountId}:table/${input.TableName}`,
          SSEDescription: table.keyArn ? { KMSMasterKeyArn: table.keyArn, SSEType: 'KMS' } : undefined,
        },
      };
    });
    on(m.dynamodb, side, DeleteTableCommand, (input: { TableName?: string }) => {
      if (!tables.delete(input.TableName ?? '')) throw serviceError('ResourceNotFoundException');
      return {};
    });
    on(m.dynamodb, side, ScanCommand, (input: { TableName?: string }) => {
      const table = tables.get(input.TableName ?? '');
      if (!table) throw serviceError('ResourceNotFoundException');
      // A table under the SSN key is read through the key: only while an opening lets the role use it.
      const sealed = world.seal.state !== 'OPEN' && world.sealHolds;
      if (table.keyArn === KEY_ARN.ssn && (side !== 'role' || sealed))
        throw serviceError(
          'AccessDeniedException',
          `The KMS key ${KEY_ARN.ssn} is not accessible: access denied`,
        );
      return { Items: table.items };
    });
  }
  const s = mocks.source;
  on(
    s.dynamodb,
    'source',
    BatchWriteItemCommand,
    (input: {
      RequestItems?: Record<string, { PutRequest?: { Item?: Record<string, AttributeValue> } }[]>;
    }) => {
      for (const [name, requests] of Object.entries(input.RequestItems ?? {})) {
        const table = world.tables.source.get(name);
        if (!table) throw serviceError('ResourceNotFoundException');
        for (const r of requests) {
          const item = r.PutRequest?.Item ?? {};
          table.items = [...table.items.filter((i) => i.pk.S !== item.pk.S), item];
        }
      }
      return { UnprocessedItems: {} };
    },
  );
  on(s.backup, 'source', DescribeRegionSettingsCommand, () => ({
    ResourceTypeOptInPreference: { DynamoDB: world.dynamoDb.optedIn },
    ResourceTypeManagementPreference: { DynamoDB: world.dynamoDb.advanced },
  }));
  on(s.backup, 'source', DescribeBackupVaultCommand, (input: { BackupVaultName?: string }) => {
    if (!world.sourceVaults.includes(input.BackupVaultName ?? ''))
      throw serviceError('ResourceNotFoundException');
    return { BackupVaultName: input.BackupVaultName };
  });
  on(s.backup, 'source', StartBackupJobCommand, (input: { IdempotencyToken?: string }) => ({
    BackupJobId: startJob('backup', input.IdempotencyToken),
  }));
  on(s.backup, 'source', DescribeBackupJobCommand, (input: { BackupJobId?: string }) => {
    const { state, created, completed } = advance(input.BackupJobId ?? '');
    if (state === 'COMPLETED') world.sourcePoints.add(SOURCE_RP);
    return {
      State: state,
      CreationDate: created,
      CompletionDate: completed,
      RecoveryPointArn: state === 'COMPLETED' ? SOURCE_RP : undefined,
    };
  });
  on(
    s.backup,
    'source',
    StartCopyJobCommand,
    (input: { DestinationBackupVaultArn?: string; IdempotencyToken?: string }) => {
      const kind = input.DestinationBackupVaultArn === VAULT.ssn.arn ? 'copy-ssn' : 'copy-general';
      return { CopyJobId: startJob(kind, input.IdempotencyToken) };
    },
  );
  on(s.backup, 'source', DescribeCopyJobCommand, (input: { CopyJobId?: string }) => {
    const { state, created, completed, job } = advance(input.CopyJobId ?? '');
    const point = copyPoint(job);
    if (state === 'COMPLETED' && !world.vaultPoints.has(point))
      world.vaultPoints.set(
        point,
        job.kind === 'copy-ssn'
          ? { vault: VAULT.ssn.name, keyArn: KEY_ARN.ssn, tags: {} }
          : { vault: VAULT.general.name, keyArn: KEY_ARN.general, tags: {} },
      );
    return {
      CopyJob: {
        State: state,
        CreationDate: created,
        CompletionDate: completed,
        DestinationRecoveryPointArn: state === 'COMPLETED' ? point : undefined,
      },
    };
  });
  on(s.backup, 'source', DeleteRecoveryPointCommand, (input: { RecoveryPointArn?: string }) => {
    if (!world.sourcePoints.delete(input.RecoveryPointArn ?? ''))
      throw serviceError('ResourceNotFoundException');
    return {};
  });
  const backupAccount = (
    b: Record<'backup' | 'cloudformation' | 'cloudtrail' | 's3', Stubbable>,
    side: 'backup' | 'role',
  ) => {
    on(b.cloudformation, side, DescribeStacksCommand, () => ({
      Stacks: [
        {
          StackId: `arn:aws:cloudformation:${REGION}:${BACKUP_ACCOUNT}:stack/BackupAccountStack/1`,
          Outputs: Object.entries(world.outputs).map(([OutputKey, OutputValue]) => ({
            OutputKey,
            OutputValue,
          })),
        },
      ],
    }));
    on(
      b.backup,
      side,
      DescribeRecoveryPointCommand,
      (input: { RecoveryPointArn?: string; BackupVaultName?: string }) => {
        const point = world.vaultPoints.get(input.RecoveryPointArn ?? '');
        if (!point || point.vault !== input.BackupVaultName) throw serviceError('ResourceNotFoundException');
        return {
          Status: 'COMPLETED',
          EncryptionKeyArn: point.keyArn,
          CalculatedLifecycle: { DeleteAt: new Date('2030-05-30T10:00:00.000Z') },
        };
      },
    );
    on(b.backup, side, GetRecoveryPointRestoreMetadataCommand, () => ({
      RestoreMetadata: { originalTableName: 'source-table', encryptionType: 'Default' },
    }));
    on(
      b.backup,
      side,
      StartRestoreJobCommand,
      (input: { IdempotencyToken?: string; Metadata?: Record<string, string> }) => {
        const keyArn = input.Metadata?.encryptionType === 'KMS' ? input.Metadata.kmsMasterKeyArn : undefined;
        const id = startJob(keyArn === KEY_ARN.ssn ? 'restore-ssn' : 'restore', input.IdempotencyToken);
        Object.assign(world.jobs.get(id) as object, {
          target: input.Metadata?.targetTableName ?? '',
          keyArn,
        });
        return { RestoreJobId: id };
      },
    );
    on(b.backup, side, DescribeRestoreJobCommand, (input: { RestoreJobId?: string }) => {
      const { state, created, completed, job } = advance(input.RestoreJobId ?? '');
      const { target = '', keyArn } = job as { target?: string; keyArn?: string };
      if (state === 'COMPLETED' && !world.tables.backup.has(target)) {
        const source = [...world.tables.source.values()][0]?.items ?? [];
        const items = source.map((i) => ({ ...i }));
        if (world.corruptRestore && items[0]) items[0] = { ...items[0], payload: { S: 'changed' } };
        world.tables.backup.set(target, { status: 'ACTIVE', items, keyArn });
        world.made.push(keyArn === KEY_ARN.ssn ? 'SSN restored table' : 'restored table');
      }
      return { Status: state, CreationDate: created, CompletionDate: completed };
    });
    on(
      b.backup,
      side,
      TagResourceCommand,
      (input: { ResourceArn?: string; Tags?: Record<string, string> }) => {
        const point = world.vaultPoints.get(input.ResourceArn ?? '');
        if (!point) throw serviceError('ResourceNotFoundException');
        Object.assign(point.tags, input.Tags);
        return {};
      },
    );
    on(b.s3, side, PutObjectCommand, (input: { Bucket?: string; Key?: string; Body?: string }) => {
      if (input.Bucket !== EVIDENCE_BUCKET) throw serviceError('NoSuchBucket');
      const key = input.Key ?? '';
      world.evidence.set(key, [...(world.evidence.get(key) ?? []), String(input.Body)]);
      return { VersionId: `v${world.evidence.get(key)?.length}` };
    });
    on(
      b.cloudtrail,
      side,
      LookupEventsCommand,
      (input: { LookupAttributes?: { AttributeValue?: string }[] }) => {
        const key = input.LookupAttributes?.[0]?.AttributeValue;
        return {
          Events:
            key === KEY_ARN.ssn ? world.events.ssn : key === KEY_ARN.general ? world.events.general : [],
        };
      },
    );
  };
  backupAccount(mocks.backup, 'backup');
  backupAccount(mocks.role, 'role');
  world.clock = (ms: number) => {
    clock += ms;
  };
  world.now = now;
  return world;
}

/** A records folder of its own, removed by `remove()`. */
export function recordsFolder(): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'drill-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * The seal as the break-glass tool reports it, over the world (lib/drill/seal.ts adapts the real
 * tool; test/drill/seal.test.ts runs that adapter on the break-glass fixture).
 */
export function fakeSeal(world: World): DrillSeal {
  const ssnTables = () =>
    [...world.tables.backup.entries()].filter(([, t]) => t.keyArn === KEY_ARN.ssn).map(([name]) => name);
  const status = async () => {
    world.calls.push('seal:status');
    const left = ssnTables();
    const state =
      world.seal.state === 'SEALED' && left.length > 0
        ? ('SEALED, RESTORED DATA REMAINS' as const)
        : world.seal.state;
    return { state, principal: world.seal.principal, reason: world.seal.reason, outstanding: left };
  };
  return {
    status,
    async open(principal, reason) {
      world.calls.push('seal:open');
      world.seal = { state: 'OPEN', principal, reason };
    },
    async close() {
      world.calls.push('seal:close');
      world.seal = { state: 'SEALED' };
      return status();
    },
    async cleanup() {
      world.calls.push('seal:cleanup');
      const deleted = ssnTables();
      for (const name of deleted) world.tables.backup.delete(name);
      return deleted.map((name) => `arn:aws:dynamodb:${REGION}:${BACKUP_ACCOUNT}:table/${name}`);
    },
  };
}

/** The drill's dependencies over the mocked world; progress events are collected. */
export function depsFor(world: World, folder: string): DrillDeps & { events: DrillEvent[] } {
  const events: DrillEvent[] = [];
  return {
    aws: { source: awsFromClients(clients.source), backup: awsFromClients(clients.backup) },
    config,
    store: new RecordStore(folder),
    now: () => (world.now ?? (() => START))(),
    sleep: async (ms) => world.clock?.(ms),
    progress: (e) => events.push(e),
    pollSeconds: 30,
    seal: fakeSeal(world),
    asRole: async (roleArn) => {
      world.calls.push(`assume:${roleArn}`);
      return { source: awsFromClients(clients.source), backup: awsFromClients(roleClients) };
    },
    events,
  };
}

export const DRILL_ROLE = `arn:aws:iam::${BACKUP_ACCOUNT}:role/BackupDrill`;
export const breakGlassSettings = drillSettings(config, { region: REGION, breakGlassRole: DRILL_ROLE });

export const settings = drillSettings(config, { region: REGION });

/** Each step the drill's settings run, with how it ended ('not run' for a step never started). */
export function statuses(record: DrillRecord): Record<string, string> {
  return Object.fromEntries(stepsOf(record.settings).map((s) => [s, record.steps[s]?.status ?? 'not run']));
}
