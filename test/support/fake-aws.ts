/**
 * The one in-memory fake of the AWS interface (lib/aws), for every test of the operator tools: one
 * account and region, held as the plain values the interface returns. A write is seen by the next
 * read, as on AWS; every call is recorded; the coming calls of a method can be made to fail. The
 * SDK mapping behind the interface is tested on its own (test/aws).
 */
import type {
  BucketSettings,
  CallerIdentity,
  EventSelectors,
  KeyRotation,
  RestoreTestingPlan,
  RestoreTestJob,
  TopicSubscription,
  TrailInfo,
  VaultRecoveryPoint,
  VaultSelection,
  DeployedStack,
  JobState,
  ObjectRetention,
  OperatorAws,
  PlainItem,
  PointInTimeRecovery,
  RecoveryPointFacts,
  ResourceRecoveryPoint,
  RestoreJob,
  Table,
  TableBackup,
  TableExport,
  TrailEventRecord,
} from '../../lib/aws';
import { MAX_KEY_EVENTS } from '../../lib/aws';

export type Method = keyof OperatorAws;

/** Every method of the interface. */
export const METHODS: readonly Method[] = [
  'callerIdentity',
  'roleExists',
  'getVaultPolicy',
  'putVaultPolicy',
  'describeVault',
  'vaultExists',
  'describeKey',
  'getKeyPolicy',
  'putKeyPolicy',
  'describeStack',
  'stackTemplate',
  'putNewObject',
  'putEvidence',
  'listKeys',
  'getObjectText',
  'objectRetention',
  'listRestoreJobs',
  'describeTable',
  'listTableNames',
  'listBackups',
  'pointInTimeRecovery',
  'listExports',
  'listRecoveryPointsByResource',
  'deleteTable',
  'createTable',
  'putItems',
  'scanItems',
  'deleteTableIfExists',
  'dynamoDbSettings',
  'startBackupJob',
  'backupJob',
  'startCopyJob',
  'copyJob',
  'recoveryPoint',
  'restoreMetadata',
  'startRestoreJob',
  'restoreJob',
  'tagRecoveryPoint',
  'deleteRecoveryPointIfExists',
  'keyEvents',
  'vaultState',
  'vaultRecoveryPoints',
  'keyState',
  'keyRotation',
  'aliasTarget',
  'findStack',
  'topicSubscriptions',
  'trails',
  'trailLogging',
  'trailSelectors',
  'bucketSettings',
  'restoreTestingPlans',
  'findRestoreTestingPlan',
  'restoreTestingVaults',
  'restoreTestingSelections',
  'restoreTestJobs',
];

/** An error as AWS services raise it: the interface's callers read its name. */
export function serviceError(name: string, message = `${name} from the fake`): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: {} });
}

export interface FakeVault {
  readonly arn: string;
  encryptionKeyArn: string | undefined;
  /** The access policy text; undefined when the vault has none. */
  policy: string | undefined;
  createdAt?: Date;
  locked?: boolean;
  lockDate?: Date;
  minRetentionDays?: number;
  maxRetentionDays?: number;
  /** AWS Backup's count of recovery points. */
  recoveryPointCount?: number;
  /** Its recovery points (ListRecoveryPointsByBackupVault). */
  points?: VaultRecoveryPoint[];
}

export interface FakeKey {
  readonly keyId: string;
  readonly arn: string;
  policy: string;
  /** @default Enabled */
  state?: string;
  deletionDate?: Date;
  /** @default on, every 365 days */
  rotation?: KeyRotation;
}

export interface FakeBucket {
  /** Its Object Lock, versioning, public access block and policy (a missing policy: NoSuchBucketPolicy). */
  settings: { -readonly [K in keyof BucketSettings]: BucketSettings[K] };
  /** Object key to its latest text. */
  readonly objects: Map<string, string>;
  readonly retention: Map<string, ObjectRetention>;
  /** Every version written, by key, in order. */
  readonly versions: Map<string, string[]>;
}

export interface FakeJob {
  readonly id: string;
  /** `backup`, `copy`, `restore`, or a finer kind a scenario names (`copy-ssn`). */
  readonly kind: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly token: string;
  /** The state each coming read reports, the last one repeated. */
  states: string[];
  readonly createdAt: Date;
  completedAt?: Date;
  recoveryPointArn?: string;
  createdResourceArn?: string;
  message?: string;
}

export interface FakeCall {
  readonly method: Method;
  readonly args: readonly unknown[];
}

/** Errors to throw, by method: each coming call takes the first (null lets that call through). */
export type Failures = { [M in Method]: (Error | null)[] };

export class FakeAws implements OperatorAws {
  /** Every call, in order. */
  readonly calls: FakeCall[] = [];
  readonly failures = Object.fromEntries(METHODS.map((m) => [m, []])) as unknown as Failures;
  /** Every write, in order: `vault`, `key`, `s3:<key>`, `delete:<table>`, `table:<name>`, `<kind> job`. */
  readonly writes: string[] = [];

  caller: CallerIdentity;
  /** The roles that exist (by name, or a path ending in it); undefined: iam:GetRole is refused. */
  roles: Set<string> | undefined = new Set();
  readonly vaults = new Map<string, FakeVault>();
  /** Keys by key ID; `aliases` maps `alias/…` names to key IDs. */
  readonly keys = new Map<string, FakeKey>();
  readonly aliases = new Map<string, string>();
  readonly stacks = new Map<string, { stack: DeployedStack; template: string }>();
  readonly buckets = new Map<string, FakeBucket>();
  restoreJobs: RestoreJob[] = [];
  readonly tables = new Map<string, Table>();
  /** Table items, by table name. */
  readonly items = new Map<string, Record<string, unknown>[]>();
  /** Point-in-time recovery, by table name (a table not listed has it off). */
  readonly pitr = new Map<string, PointInTimeRecovery>();
  backups: TableBackup[] = [];
  exports: TableExport[] = [];
  /** Recovery points in any vault, by resource ARN. */
  readonly recoveryPoints = new Map<string, ResourceRecoveryPoint[]>();
  /** Recovery points by vault name and ARN, with their restore metadata. */
  readonly vaultPoints = new Map<
    string,
    RecoveryPointFacts & { vault: string; tags: Record<string, string> }
  >();
  dynamoDb = { optedIn: true, advanced: true };
  readonly jobs = new Map<string, FakeJob>();
  /** The states each new job of a kind goes through (the last one stays). */
  script: Record<string, string[]> = {};
  /** CloudTrail's events by key ARN. */
  readonly events = new Map<string, TrailEventRecord[]>();
  /** SNS topics' subscriptions, by topic ARN (a topic not listed does not exist). */
  readonly subscriptions = new Map<string, TopicSubscription[]>();
  trailList: TrailInfo[] = [];
  /** Whether each trail logs, by ARN. */
  readonly logging = new Map<string, boolean>();
  readonly selectors = new Map<string, EventSelectors>();
  restoreTestingPlanList: RestoreTestingPlan[] = [];
  /** Each plan's recovery point selection, by plan name. */
  readonly planVaults = new Map<string, VaultSelection>();
  /** Each plan's selections, by plan name. */
  readonly planSelections = new Map<
    string,
    { name: string | undefined; resourceType: string | undefined }[]
  >();
  /** The restore jobs each restore testing plan ran, by plan ARN. */
  readonly testJobs = new Map<string, RestoreTestJob[]>();
  /** The retention a new object gets (the bucket's default Object Lock). */
  objectLock: ObjectRetention = { mode: 'COMPLIANCE', retainUntil: '2040-01-01T00:00:00.000Z' };
  /** The clock jobs are dated by. */
  now: () => Date = () => new Date();

  constructor(
    /** The account the resources are in (the caller may be another: `caller`). */
    readonly account: string,
    readonly region = 'us-west-2',
  ) {
    this.caller = {
      account,
      arn: `arn:aws:sts::${account}:assumed-role/Administrator/jane`,
      userId: 'AROAEXAMPLE:jane',
    };
  }

  /** Records the call and throws the failure queued for it, if any. */
  protected enter(method: Method, ...args: unknown[]): void {
    this.calls.push({ method, args });
    const failure = this.failures[method].shift();
    if (failure) throw failure;
  }

  /** The arguments of each call of `method`, in order. */
  callsOf(method: Method): (readonly unknown[])[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  bucket(name: string): FakeBucket {
    let bucket = this.buckets.get(name);
    if (!bucket) {
      bucket = {
        settings: {
          lockMode: 'COMPLIANCE',
          retentionDays: undefined,
          versioning: 'Enabled',
          publicAccessBlocked: true,
          policy: undefined,
        },
        objects: new Map(),
        retention: new Map(),
        versions: new Map(),
      };
      this.buckets.set(name, bucket);
    }
    return bucket;
  }

  private existingBucket(name: string): FakeBucket {
    const bucket = this.buckets.get(name);
    if (!bucket) throw serviceError('NoSuchBucket', `The specified bucket does not exist: ${name}`);
    return bucket;
  }

  private tableOf(nameOrArn: string): Table | undefined {
    return this.tables.get(nameOrArn) ?? [...this.tables.values()].find((t) => t.arn === nameOrArn);
  }

  private keyOf(keyIdOrAlias: string): FakeKey {
    const id = this.aliases.get(keyIdOrAlias) ?? keyIdOrAlias;
    const key = this.keys.get(id) ?? [...this.keys.values()].find((k) => k.arn === id);
    if (!key) throw serviceError('NotFoundException', `Key '${keyIdOrAlias}' does not exist`);
    return key;
  }

  private vaultOf(name: string): FakeVault {
    const vault = this.vaults.get(name);
    if (!vault) throw serviceError('ResourceNotFoundException', `Backup vault ${name} not found`);
    return vault;
  }

  // Identity.
  async callerIdentity() {
    this.enter('callerIdentity');
    return this.caller;
  }
  async roleExists(roleName: string) {
    this.enter('roleExists', roleName);
    if (this.roles === undefined) return undefined;
    return [...this.roles].some((r) => r === roleName || r.endsWith(`/${roleName}`));
  }

  // Vaults.
  async getVaultPolicy(vaultName: string) {
    this.enter('getVaultPolicy', vaultName);
    return this.vaults.get(vaultName)?.policy;
  }
  async putVaultPolicy(vaultName: string, policy: string) {
    this.enter('putVaultPolicy', vaultName, policy);
    this.vaultOf(vaultName).policy = policy;
    this.writes.push('vault');
  }
  async describeVault(vaultName: string) {
    this.enter('describeVault', vaultName);
    const vault = this.vaultOf(vaultName);
    if (vault.encryptionKeyArn === undefined)
      throw new Error(`AWS returned no encryption key of vault ${vaultName}`);
    return { name: vaultName, arn: vault.arn, encryptionKeyArn: vault.encryptionKeyArn };
  }
  async vaultState(vaultName: string) {
    this.enter('vaultState', vaultName);
    const vault = this.vaults.get(vaultName);
    if (!vault) return undefined;
    return {
      arn: vault.arn,
      encryptionKeyArn: vault.encryptionKeyArn,
      createdAt: vault.createdAt,
      locked: vault.locked === true,
      lockDate: vault.lockDate,
      minRetentionDays: vault.minRetentionDays,
      maxRetentionDays: vault.maxRetentionDays,
      recoveryPoints: vault.recoveryPointCount,
    };
  }
  async vaultRecoveryPoints(vaultName: string, createdAfter: Date | undefined) {
    this.enter('vaultRecoveryPoints', vaultName, createdAfter);
    return (this.vaultOf(vaultName).points ?? []).filter(
      (p) => !createdAfter || (p.createdAt !== undefined && p.createdAt >= createdAfter),
    );
  }
  async vaultExists(vaultName: string) {
    this.enter('vaultExists', vaultName);
    return this.vaults.has(vaultName);
  }

  // Keys.
  async describeKey(keyIdOrAlias: string) {
    this.enter('describeKey', keyIdOrAlias);
    const key = this.keyOf(keyIdOrAlias);
    return { keyId: key.keyId, arn: key.arn };
  }
  async getKeyPolicy(keyId: string) {
    this.enter('getKeyPolicy', keyId);
    return this.keyOf(keyId).policy;
  }
  async putKeyPolicy(keyId: string, policy: string) {
    this.enter('putKeyPolicy', keyId, policy);
    this.keyOf(keyId).policy = policy;
    this.writes.push('key');
  }
  async keyState(keyId: string) {
    this.enter('keyState', keyId);
    const key = this.keyOf(keyId);
    const state = key.state ?? 'Enabled';
    return {
      keyId: key.keyId,
      keyState: state,
      enabled: state === 'Enabled',
      deletionDate: key.deletionDate,
    };
  }
  async keyRotation(keyId: string) {
    this.enter('keyRotation', keyId);
    return this.keyOf(keyId).rotation ?? { enabled: true, periodDays: 365 };
  }
  async aliasTarget(aliasName: string) {
    this.enter('aliasTarget', aliasName);
    return this.aliases.get(aliasName);
  }

  // The stack.
  async describeStack(stackName: string) {
    this.enter('describeStack', stackName);
    const found = this.stacks.get(stackName);
    if (!found) throw serviceError('ValidationError', `Stack with id ${stackName} does not exist`);
    return found.stack;
  }
  async findStack(stackName: string) {
    this.enter('findStack', stackName);
    return this.stacks.get(stackName)?.stack;
  }
  async stackTemplate(stackName: string) {
    this.enter('stackTemplate', stackName);
    const found = this.stacks.get(stackName);
    if (!found) throw serviceError('ValidationError', `Stack with id ${stackName} does not exist`);
    return found.template;
  }

  // The evidence bucket.
  async putNewObject(bucket: string, key: string, body: string) {
    this.enter('putNewObject', bucket, key, body);
    const b = this.existingBucket(bucket);
    if (b.objects.has(key))
      throw Object.assign(serviceError('PreconditionFailed'), { $metadata: { httpStatusCode: 412 } });
    return this.write(b, key, body);
  }
  async putEvidence(bucket: string, key: string, body: string, contentType: string) {
    this.enter('putEvidence', bucket, key, body, contentType);
    return this.write(this.existingBucket(bucket), key, body);
  }
  private write(b: FakeBucket, key: string, body: string): string {
    b.objects.set(key, body);
    b.versions.set(key, [...(b.versions.get(key) ?? []), body]);
    b.retention.set(key, { ...this.objectLock });
    this.writes.push(`s3:${key}`);
    return `v${b.versions.get(key)?.length}`;
  }
  async listKeys(bucket: string, prefix: string) {
    this.enter('listKeys', bucket, prefix);
    return [...this.existingBucket(bucket).objects.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
  async getObjectText(bucket: string, key: string) {
    this.enter('getObjectText', bucket, key);
    const text = this.existingBucket(bucket).objects.get(key);
    if (text === undefined) throw serviceError('NoSuchKey');
    return text;
  }
  async objectRetention(bucket: string, key: string) {
    this.enter('objectRetention', bucket, key);
    const retention = this.existingBucket(bucket).retention.get(key);
    if (!retention) throw serviceError('NotFound');
    return retention;
  }

  // Restored data.
  async listRestoreJobs(createdAfter: Date) {
    this.enter('listRestoreJobs', createdAfter);
    return this.restoreJobs.filter((j) => !j.createdAt || new Date(j.createdAt) >= createdAfter);
  }
  /** A table the fake created is CREATING at its first read, ACTIVE from the next. */
  async describeTable(tableName: string) {
    this.enter('describeTable', tableName);
    const table = this.tableOf(tableName);
    if (table?.status === 'CREATING') this.tables.set(table.name, { ...table, status: 'ACTIVE' });
    return table;
  }
  async listTableNames() {
    this.enter('listTableNames');
    return [...this.tables.keys()].sort();
  }
  async listBackups(tableName: string) {
    this.enter('listBackups', tableName);
    return this.backups.filter((b) => b.tableName === tableName);
  }
  async pointInTimeRecovery(tableName: string) {
    this.enter('pointInTimeRecovery', tableName);
    if (!this.tableOf(tableName)) return undefined;
    return this.pitr.get(tableName) ?? { enabled: false, earliest: undefined, latest: undefined };
  }
  async listExports(tableArn: string) {
    this.enter('listExports', tableArn);
    return this.exports.filter((e) => e.exportArn.startsWith(`${tableArn}/`));
  }
  async listRecoveryPointsByResource(resourceArn: string) {
    this.enter('listRecoveryPointsByResource', resourceArn);
    return this.recoveryPoints.get(resourceArn) ?? [];
  }
  async deleteTable(tableArn: string) {
    this.enter('deleteTable', tableArn);
    const table = this.tableOf(tableArn);
    if (!table) throw serviceError('ResourceNotFoundException', 'Requested resource not found');
    this.dropTable(table.name);
  }
  private dropTable(name: string): void {
    this.tables.delete(name);
    this.items.delete(name);
    this.pitr.delete(name);
    this.writes.push(`delete:${name}`);
  }

  // The drill's tables.
  async createTable(name: string, partitionKey: string, tags: Readonly<Record<string, string>>) {
    this.enter('createTable', name, partitionKey, tags);
    if (this.tables.has(name)) return { created: false };
    this.tables.set(name, {
      name,
      arn: `arn:aws:dynamodb:${this.region}:${this.account}:table/${name}`,
      tableId: `id-${name}`,
      status: 'CREATING',
      createdAt: this.now().toISOString(),
      kmsKeyArn: undefined,
      restoreSummary: undefined,
      replicaRegions: [],
    });
    this.items.set(name, []);
    this.writes.push(`table:${name}`);
    return { created: true };
  }
  async putItems(name: string, items: readonly PlainItem[], _sleep: (ms: number) => Promise<void>) {
    this.enter('putItems', name, items);
    const stored = this.items.get(name);
    if (!stored) throw serviceError('ResourceNotFoundException', 'Requested resource not found');
    for (const item of items) {
      const at = stored.findIndex((s) => s.pk === item.pk);
      if (at >= 0) stored[at] = { ...item };
      else stored.push({ ...item });
    }
  }
  async scanItems(name: string) {
    this.enter('scanItems', name);
    const stored = this.items.get(name);
    if (!stored) throw serviceError('ResourceNotFoundException', 'Requested resource not found');
    return stored.map((i) => ({ ...i }));
  }
  async deleteTableIfExists(name: string) {
    this.enter('deleteTableIfExists', name);
    if (!this.tables.has(name)) return 'gone' as const;
    this.dropTable(name);
    return 'deleted' as const;
  }

  // AWS Backup jobs.
  async dynamoDbSettings() {
    this.enter('dynamoDbSettings');
    return this.dynamoDb;
  }
  protected startJob(kind: FakeJob['kind'], token: string, input: Record<string, unknown>): FakeJob {
    const existing = [...this.jobs.values()].find((j) => j.token === token);
    if (existing) return existing;
    const job: FakeJob = {
      id: `${kind}-job-${this.jobs.size + 1}`,
      kind,
      input,
      token,
      states: [...(this.script[kind] ?? ['COMPLETED'])],
      createdAt: this.now(),
    };
    this.jobs.set(job.id, job);
    this.writes.push(`${kind} job`);
    return job;
  }
  /** The job's next state; `completed` runs when it first reports COMPLETED. */
  protected advance(jobId: string): FakeJob & { state: string } {
    const job = this.jobs.get(jobId);
    if (!job) throw serviceError('ResourceNotFoundException', `no job ${jobId}`);
    const state = job.states.length > 1 ? (job.states.shift() ?? '') : job.states[0];
    if (state === 'COMPLETED' && !job.completedAt) {
      job.completedAt = this.now();
      this.completed(job);
    }
    return { ...job, state };
  }
  /** What a job makes when it completes; a scenario overrides it. */
  protected completed(_job: FakeJob): void {}
  private stateOf(job: FakeJob & { state: string }): JobState {
    return {
      state: job.state,
      message: job.message,
      recoveryPointArn: job.state === 'COMPLETED' ? job.recoveryPointArn : undefined,
      createdAt: job.createdAt,
      completedAt: job.state === 'COMPLETED' ? job.completedAt : undefined,
      createdResourceArn: job.createdResourceArn,
    };
  }
  async startBackupJob(input: Parameters<OperatorAws['startBackupJob']>[0]) {
    this.enter('startBackupJob', input);
    return this.startJob('backup', input.idempotencyToken, { ...input }).id;
  }
  async backupJob(jobId: string) {
    this.enter('backupJob', jobId);
    return this.stateOf(this.advance(jobId));
  }
  async startCopyJob(input: Parameters<OperatorAws['startCopyJob']>[0]) {
    this.enter('startCopyJob', input);
    return this.startJob('copy', input.idempotencyToken, { ...input }).id;
  }
  async copyJob(jobId: string) {
    this.enter('copyJob', jobId);
    return this.stateOf(this.advance(jobId));
  }
  async recoveryPoint(vaultName: string, recoveryPointArn: string) {
    this.enter('recoveryPoint', vaultName, recoveryPointArn);
    const point = this.vaultPoints.get(recoveryPointArn);
    if (!point || point.vault !== vaultName) return undefined;
    return { status: point.status, encryptionKeyArn: point.encryptionKeyArn, deleteAt: point.deleteAt };
  }
  async restoreMetadata(vaultName: string, recoveryPointArn: string) {
    this.enter('restoreMetadata', vaultName, recoveryPointArn);
    return { originalTableName: 'source-table', encryptionType: 'Default' };
  }
  async startRestoreJob(input: Parameters<OperatorAws['startRestoreJob']>[0]) {
    this.enter('startRestoreJob', input);
    return this.startJob('restore', input.idempotencyToken, { ...input }).id;
  }
  async restoreJob(jobId: string) {
    this.enter('restoreJob', jobId);
    return this.stateOf(this.advance(jobId));
  }
  async tagRecoveryPoint(recoveryPointArn: string, tags: Readonly<Record<string, string>>) {
    this.enter('tagRecoveryPoint', recoveryPointArn, tags);
    const point = this.vaultPoints.get(recoveryPointArn);
    if (!point) throw serviceError('ResourceNotFoundException', `no recovery point ${recoveryPointArn}`);
    Object.assign(point.tags, tags);
  }
  async deleteRecoveryPointIfExists(vaultName: string, recoveryPointArn: string) {
    this.enter('deleteRecoveryPointIfExists', vaultName, recoveryPointArn);
    const point = this.vaultPoints.get(recoveryPointArn);
    if (!point || point.vault !== vaultName) return 'gone' as const;
    this.vaultPoints.delete(recoveryPointArn);
    return 'deleted' as const;
  }

  // Alerts, trails and the evidence bucket's settings.
  async topicSubscriptions(topicArn: string) {
    this.enter('topicSubscriptions', topicArn);
    return this.subscriptions.get(topicArn);
  }
  async trails() {
    this.enter('trails');
    return this.trailList;
  }
  async trailLogging(trailArn: string) {
    this.enter('trailLogging', trailArn);
    const logging = this.logging.get(trailArn);
    if (logging === undefined) throw serviceError('TrailNotFoundException', `Unknown trail: ${trailArn}`);
    return logging;
  }
  async trailSelectors(trailArn: string) {
    this.enter('trailSelectors', trailArn);
    const selectors = this.selectors.get(trailArn);
    if (!selectors) throw serviceError('TrailNotFoundException', `Unknown trail: ${trailArn}`);
    return selectors;
  }
  async bucketSettings(bucket: string) {
    this.enter('bucketSettings', bucket);
    const { settings } = this.existingBucket(bucket);
    if (settings.policy === undefined)
      throw serviceError('NoSuchBucketPolicy', 'The bucket policy does not exist');
    return settings;
  }

  // Restore testing.
  async restoreTestingPlans() {
    this.enter('restoreTestingPlans');
    return this.restoreTestingPlanList;
  }
  async findRestoreTestingPlan(name: string) {
    this.enter('findRestoreTestingPlan', name);
    return this.restoreTestingPlanList.find((p) => p.name === name);
  }
  async restoreTestingVaults(planName: string) {
    this.enter('restoreTestingVaults', planName);
    return this.planVaults.get(planName) ?? { includeVaults: [], excludeVaults: [] };
  }
  async restoreTestingSelections(planName: string) {
    this.enter('restoreTestingSelections', planName);
    return this.planSelections.get(planName) ?? [];
  }
  async restoreTestJobs(planArn: string) {
    this.enter('restoreTestJobs', planArn);
    return this.testJobs.get(planArn) ?? [];
  }

  // CloudTrail's event history.
  async keyEvents(keyArn: string, since: Date, until: Date) {
    this.enter('keyEvents', keyArn, since, until);
    const events = this.events.get(keyArn) ?? [];
    return { events: events.slice(0, MAX_KEY_EVENTS), truncated: events.length > MAX_KEY_EVENTS };
  }
}
