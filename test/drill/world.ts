/**
 * The drill's two accounts on the shared fake (test/support/fake-aws.ts), answering from a `World`
 * that each test starts healthy and then breaks: the source account, and the backup account as the
 * operator and as the opened role. What crosses accounts is the drill's own scenario: a copy job in
 * the source account lands in a backup vault, a restore in the backup account brings back the
 * source table's items, and a table under the SSN key reads only for the role while the seal is
 * open. Time is a fake clock that `sleep` advances, so waiting for jobs costs nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OperatorAws, TrailEventRecord } from '../../lib/aws';
import type { DrillAws } from '../../lib/drill/aws';
import type { DrillDeps, DrillEvent } from '../../lib/drill/context';
import type { DrillSeal } from '../../lib/drill/seal';
import { type DrillRecord, RecordStore, stepsOf } from '../../lib/drill/record';
import { drillSettings } from '../../lib/drill/settings';
import { STACK_NAME } from '../../lib/stack-facts';
import { configWith } from '../support/config';
import { FakeAws, type FakeJob, METHODS, type Method, serviceError } from '../support/fake-aws';

export { serviceError } from '../support/fake-aws';

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
/** When AWS Backup's lifecycle deletes a copy. */
const COPY_DELETE_AT = new Date('2030-05-30T10:00:00.000Z');

/** Who calls: the source account, the backup account as the operator, or as the opened role. */
type Side = 'source' | 'backup' | 'role';
type Account = 'source' | 'backup';
type JobKind = 'backup' | 'copy-general' | 'copy-ssn' | 'restore' | 'restore-ssn';

/** What the two accounts hold, and how the test has broken them. */
export interface World {
  callers: Record<Account, string>;
  outputs: Record<string, string>;
  dynamoDb: { optedIn: boolean; advanced: boolean };
  sourceVaults: string[];
  roles: Record<Account, string[]>;
  /** The states each new job of a kind goes through (the last one stays). */
  script: Record<JobKind, string[]>;
  /** Minutes each job of a kind takes, by AWS's creation and completion dates. */
  minutes: Record<JobKind, number>;
  /** Changes a restored item on the way back (a digest mismatch). */
  corruptRestore: boolean;
  events: Record<'general' | 'ssn', TrailEventRecord[]>;
  /** Errors to throw, once each, by method of the AWS interface (and side): a failure, or an interruption. */
  failures: { side: Side; method: Method; error: Error }[];
  /** Every call, in order: `side:method`, and the seal's and role's own (`seal:open`, `assume:<arn>`). */
  calls: string[];
  /** Everything AWS made, in order: tables by account, jobs by kind. */
  made: string[];
  /** The SSN seal as the break-glass tool would report it. */
  seal: { state: 'SEALED' | 'OPEN' | 'DRIFTED'; principal?: string; reason?: string };
  /** Whether closing the seal makes a table under the SSN key unreadable (it should). */
  sealHolds: boolean;
  /** The accounts themselves: the shared fake, one per account. */
  readonly accounts: Record<Account, DrillAccount>;
  /** The tables of each account, by name. */
  readonly tables: Record<Account, DrillAccount['tables']>;
  /** Recovery points of the backup account's vaults, by ARN. */
  readonly vaultPoints: DrillAccount['vaultPoints'];
  /** The source account's recovery points, by ARN. */
  readonly sourcePoints: DrillAccount['vaultPoints'];
  /** Objects written into the evidence bucket, by key: every version, in order. */
  readonly evidence: Map<string, string[]>;
  /** Set by `answerFrom`: the fake clock, which `sleep` advances. */
  clock?: (ms: number) => void;
  now?: () => Date;
}

/** One account of the drill: the shared fake, reading what the test changes from the world. */
class DrillAccount extends FakeAws {
  /** Who the current call is made as (the backup account is called as the operator or the role). */
  side: Side;

  constructor(
    private readonly world: () => World,
    private readonly which: Account,
  ) {
    super(which === 'source' ? SOURCE_ACCOUNT : BACKUP_ACCOUNT, which === 'source' ? SOURCE_REGION : REGION);
    this.side = which;
  }

  protected override enter(method: Method, ...args: unknown[]): void {
    const w = this.world();
    w.calls.push(`${this.side}:${method}`);
    const index = w.failures.findIndex((f) => f.side === this.side && f.method === method);
    if (index >= 0) throw w.failures.splice(index, 1)[0].error;
    super.enter(method, ...args);
  }

  override async callerIdentity() {
    this.enter('callerIdentity');
    const account = this.world().callers[this.which];
    return {
      account,
      arn: `arn:aws:sts::${account}:assumed-role/Operator/drill`,
      userId: 'AROAEXAMPLE:drill',
    };
  }
  override async roleExists(roleName: string) {
    this.enter('roleExists', roleName);
    return this.world().roles[this.which].some((r) => r.endsWith(roleName));
  }
  override async vaultExists(vaultName: string) {
    this.enter('vaultExists', vaultName);
    return this.world().sourceVaults.includes(vaultName);
  }
  override async dynamoDbSettings() {
    this.enter('dynamoDbSettings');
    return { ...this.world().dynamoDb };
  }
  override async describeStack(stackName: string) {
    this.enter('describeStack', stackName);
    return {
      stackId: `arn:aws:cloudformation:${REGION}:${BACKUP_ACCOUNT}:stack/${STACK_NAME}/1`,
      status: 'UPDATE_COMPLETE',
      outputs: { ...this.world().outputs },
      lastUpdated: undefined,
    };
  }
  override async keyEvents(keyArn: string, since: Date, until: Date) {
    this.enter('keyEvents', keyArn, since, until);
    const { events } = this.world();
    return {
      events: keyArn === KEY_ARN.ssn ? events.ssn : keyArn === KEY_ARN.general ? events.general : [],
      truncated: false,
    };
  }
  override async createTable(name: string, partitionKey: string, tags: Readonly<Record<string, string>>) {
    const out = await super.createTable(name, partitionKey, tags);
    if (out.created) this.world().made.push(`${this.which} table`);
    return out;
  }
  /** A table under the SSN key is read through the key: only by the role, while an opening lets it. */
  override async scanItems(name: string) {
    const w = this.world();
    const sealed = w.seal.state !== 'OPEN' && w.sealHolds;
    const table = this.tables.get(name);
    if (table?.kmsKeyArn === KEY_ARN.ssn && (this.side !== 'role' || sealed)) {
      this.enter('scanItems', name);
      throw serviceError(
        'AccessDeniedException',
        `The KMS key ${KEY_ARN.ssn} is not accessible: access denied`,
      );
    }
    return super.scanItems(name);
  }
  override async startCopyJob(input: Parameters<OperatorAws['startCopyJob']>[0]) {
    this.enter('startCopyJob', input);
    const kind = input.destinationVaultArn === VAULT.ssn.arn ? 'copy-ssn' : 'copy-general';
    return this.startJob(kind, input.idempotencyToken, { ...input }).id;
  }
  override async startRestoreJob(input: Parameters<OperatorAws['startRestoreJob']>[0]) {
    this.enter('startRestoreJob', input);
    const keyArn = input.metadata.encryptionType === 'KMS' ? input.metadata.kmsMasterKeyArn : undefined;
    return this.startJob(keyArn === KEY_ARN.ssn ? 'restore-ssn' : 'restore', input.idempotencyToken, {
      ...input,
    }).id;
  }
  protected override startJob(kind: string, token: string, input: Record<string, unknown>): FakeJob {
    const w = this.world();
    this.script = w.script;
    const known = [...this.jobs.values()].some((j) => j.token === token);
    const job = super.startJob(kind, token, input);
    if (!known) w.made.push(`${kind} job`);
    return job;
  }
  /** What a job makes when it completes, in this account or the other. */
  protected override completed(job: FakeJob): void {
    const w = this.world();
    job.completedAt = new Date(job.createdAt.getTime() + w.minutes[job.kind as JobKind] * 60_000);
    if (job.kind === 'backup') {
      job.recoveryPointArn = SOURCE_RP;
      this.vaultPoints.set(SOURCE_RP, { vault: String(job.input.vaultName), status: 'COMPLETED', tags: {} });
    } else if (job.kind === 'copy-general' || job.kind === 'copy-ssn') {
      const point = `arn:aws:backup:${REGION}:${BACKUP_ACCOUNT}:recovery-point:${job.id}`;
      job.recoveryPointArn = point;
      const ssn = job.kind === 'copy-ssn';
      w.accounts.backup.vaultPoints.set(point, {
        vault: ssn ? VAULT.ssn.name : VAULT.general.name,
        status: 'COMPLETED',
        encryptionKeyArn: ssn ? KEY_ARN.ssn : KEY_ARN.general,
        deleteAt: COPY_DELETE_AT,
        tags: {},
      });
    } else {
      const metadata = job.input.metadata as Record<string, string>;
      const target = metadata.targetTableName ?? '';
      if (this.tables.has(target)) return;
      const keyArn = metadata.encryptionType === 'KMS' ? metadata.kmsMasterKeyArn : undefined;
      const source = [...w.accounts.source.items.values()][0] ?? [];
      const items = source.map((i) => ({ ...i }));
      if (w.corruptRestore && items[0]) items[0] = { ...items[0], payload: 'changed' };
      this.tables.set(target, {
        name: target,
        arn: `arn:aws:dynamodb:${REGION}:${BACKUP_ACCOUNT}:table/${target}`,
        tableId: `id-${target}`,
        status: 'ACTIVE',
        createdAt: job.completedAt.toISOString(),
        kmsKeyArn: keyArn,
        restoreSummary: undefined,
        replicaRegions: [],
      });
      this.items.set(target, items);
      w.made.push(keyArn === KEY_ARN.ssn ? 'SSN restored table' : 'restored table');
    }
  }
}

/** The interface as one side calls it: every method sets who calls, then runs on the account. */
function calledAs(account: DrillAccount, side: Side): OperatorAws {
  return Object.fromEntries(
    METHODS.map((m) => [
      m,
      (...args: unknown[]) => {
        account.side = side;
        const method = account[m] as (...a: unknown[]) => unknown;
        return method.call(account, ...args);
      },
    ]),
  ) as unknown as OperatorAws;
}

export function healthyWorld(): World {
  const holder: { world?: World } = {};
  const get = () => {
    if (!holder.world) throw new Error('no world');
    return holder.world;
  };
  const accounts = { source: new DrillAccount(get, 'source'), backup: new DrillAccount(get, 'backup') };
  accounts.backup.bucket(EVIDENCE_BUCKET);
  const world: World = {
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
    script: {
      backup: ['RUNNING', 'COMPLETED'],
      'copy-general': ['RUNNING', 'COMPLETED'],
      'copy-ssn': ['RUNNING', 'COMPLETED'],
      restore: ['RUNNING', 'COMPLETED'],
      'restore-ssn': ['RUNNING', 'COMPLETED'],
    },
    minutes: { backup: 3, 'copy-general': 12, 'copy-ssn': 12, restore: 20, 'restore-ssn': 20 },
    corruptRestore: false,
    events: {
      general: [keyEvent('GenerateDataKey', 'backup.amazonaws.com')],
      ssn: [keyEvent('GenerateDataKey', 'backup.amazonaws.com')],
    },
    failures: [],
    calls: [],
    made: [],
    seal: { state: 'SEALED' },
    sealHolds: true,
    accounts,
    tables: { source: accounts.source.tables, backup: accounts.backup.tables },
    vaultPoints: accounts.backup.vaultPoints,
    sourcePoints: accounts.source.vaultPoints,
    evidence: accounts.backup.bucket(EVIDENCE_BUCKET).versions,
  };
  holder.world = world;
  return world;
}

/** A KMS event by this account's AWS Backup service-linked role, as the event history returns it. */
function keyEvent(eventName: string, invokedBy: string): TrailEventRecord {
  return {
    eventName,
    record: JSON.stringify({
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

let current: World | undefined;

/** The world the last `answerFrom` started: what the command line's `aws` talks to. */
export function currentWorld(): World {
  if (!current) throw new Error('call answerFrom() first');
  return current;
}

/** The drill's two accounts, as the operator calls them. */
export function accountsOf(world: World): DrillAws {
  return {
    source: calledAs(world.accounts.source, 'source'),
    backup: calledAs(world.accounts.backup, 'backup'),
  };
}

/** The backup account as the opened role calls it. */
export function roleOf(world: World): OperatorAws {
  return calledAs(world.accounts.backup, 'role');
}

/** Starts the world's clock (jobs are dated by it); returns the world for the test to change. */
export function answerFrom(world: World): World {
  let clock = 0;
  const now = () => new Date(START.getTime() + clock);
  for (const account of Object.values(world.accounts)) account.now = now;
  world.clock = (ms: number) => {
    clock += ms;
  };
  world.now = now;
  current = world;
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
    [...world.tables.backup.entries()].filter(([, t]) => t.kmsKeyArn === KEY_ARN.ssn).map(([name]) => name);
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

/** The drill's dependencies over the world's fake accounts; progress events are collected. */
export function depsFor(world: World, folder: string): DrillDeps & { events: DrillEvent[] } {
  const events: DrillEvent[] = [];
  return {
    aws: accountsOf(world),
    config,
    store: new RecordStore(folder),
    now: () => (world.now ?? (() => START))(),
    sleep: async (ms) => world.clock?.(ms),
    progress: (e) => events.push(e),
    pollSeconds: 30,
    seal: fakeSeal(world),
    asRole: async (roleArn) => {
      world.calls.push(`assume:${roleArn}`);
      return { ...accountsOf(world), backup: roleOf(world) };
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
