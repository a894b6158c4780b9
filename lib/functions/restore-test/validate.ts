import {
  type BackupClient,
  DescribeRestoreJobCommand,
  GetRestoreJobMetadataCommand,
  PutRestoreValidationResultCommand,
} from '@aws-sdk/client-backup';
import {
  DescribeTableCommand,
  type DynamoDBClient,
  type KeySchemaElement,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';

/**
 * The validation step of a restore test (AWS Backup Developer Guide, "Restore testing validation"):
 * started by the restore job's COMPLETED event, it checks the restored DynamoDB table and reports
 * SUCCESSFUL or FAILED with a reason through PutRestoreValidationResult. It reads a bounded sample of
 * items to prove they are readable, and never logs or reports their contents: messages name the table,
 * its status, counts and key attribute names only.
 */

/** Only the calls the validation makes, so that tests inject mocks. */
export interface RestoreTestClients {
  readonly backup: Pick<BackupClient, 'send'>;
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly sns: Pick<SNSClient, 'send'>;
  readonly s3: Pick<S3Client, 'send'>;
}

export interface ValidationSettings {
  /** The restore testing plan whose jobs this function validates; other jobs are ignored. */
  readonly planArn: string;
  readonly topicArn: string;
  /** Items read to prove the table is readable (one Scan page of at most this many). */
  readonly sampleSize: number;
  /** How often DescribeTable is asked before a table that is not ACTIVE counts as a failure. */
  readonly readyChecks: number;
  /** Milliseconds between those checks. */
  readonly readyDelayMs: number;
  /** The evidence bucket, where each result is recorded under `restore-tests/`. */
  readonly evidenceBucket: string;
}

/** The fields of a "Restore Job State Change" event that the validation reads. */
export interface RestoreJobEventDetail {
  readonly restoreJobId?: string;
  readonly status?: string;
  readonly createdResourceArn?: string;
  readonly restoreTestingPlanArn?: string;
}

export type ValidationOutcome =
  | { readonly result: 'ignored'; readonly restoreJobId: string; readonly reason: string }
  | { readonly result: 'already-reported'; readonly restoreJobId: string; readonly status: string }
  | {
      readonly result: 'SUCCESSFUL' | 'FAILED';
      readonly restoreJobId: string;
      readonly table?: string;
      readonly message: string;
    };

/** Statuses that mean a result was reported already (or AWS gave up waiting for one). */
const REPORTED = new Set(['SUCCESSFUL', 'FAILED', 'TIMED_OUT']);

/** A DynamoDB table ARN's name: `arn:aws:dynamodb:REGION:ACCOUNT:table/NAME`. */
export function tableNameOf(arn: string | undefined): string | undefined {
  return /^arn:[^:]+:dynamodb:[^:]*:\d{12}:table\/([^/]+)$/.exec(arn ?? '')?.[1];
}

export async function validateRestore(
  clients: RestoreTestClients,
  settings: ValidationSettings,
  detail: RestoreJobEventDetail,
): Promise<ValidationOutcome> {
  const restoreJobId = detail.restoreJobId;
  if (!restoreJobId) return { result: 'ignored', restoreJobId: '', reason: 'the event names no restore job' };
  // The job itself, not the event, decides: events are delivered at least once and may be stale.
  const job = await clients.backup.send(new DescribeRestoreJobCommand({ RestoreJobId: restoreJobId }));
  if (job.CreatedBy?.RestoreTestingPlanArn !== settings.planArn)
    return {
      result: 'ignored',
      restoreJobId,
      reason: 'the job was not started by this restore testing plan',
    };
  if (job.ValidationStatus && REPORTED.has(job.ValidationStatus)) {
    // A retried event: the result may have been reported without being recorded.
    await recordResult(clients, settings, restoreJobId, {
      result: job.ValidationStatus,
      message: job.ValidationStatusMessage ?? '',
      recoveryPointArn: job.RecoveryPointArn,
    });
    return { result: 'already-reported', restoreJobId, status: job.ValidationStatus };
  }
  if (job.Status !== 'COMPLETED')
    return { result: 'ignored', restoreJobId, reason: `the job is ${job.Status ?? 'of unknown status'}` };

  const table = tableNameOf(job.CreatedResourceArn);
  const check = table
    ? await checkTable(clients, settings, restoreJobId, table)
    : `the restored resource ${job.CreatedResourceArn ?? '(none)'} is not a DynamoDB table`;
  const failed = check !== undefined;
  const message = failed
    ? check
    : `table ${table} is ACTIVE, its key schema is as recorded, and a sample of its items was read`;
  await clients.backup.send(
    new PutRestoreValidationResultCommand({
      RestoreJobId: restoreJobId,
      ValidationStatus: failed ? 'FAILED' : 'SUCCESSFUL',
      ValidationStatusMessage: message,
    }),
  );
  if (failed) await alert(clients, settings, restoreJobId, job.RecoveryPointArn, message);
  await recordResult(clients, settings, restoreJobId, {
    result: failed ? 'FAILED' : 'SUCCESSFUL',
    message,
    recoveryPointArn: job.RecoveryPointArn,
    table,
  });
  return { result: failed ? 'FAILED' : 'SUCCESSFUL', restoreJobId, table, message };
}

/** The key of a restore test's record: one object per restore job. */
export function resultKey(restoreJobId: string): string {
  return `restore-tests/${restoreJobId}.json`;
}

/**
 * Records the result in the evidence bucket, where Object Lock keeps it: once per restore job (a
 * conditional write; a second delivery of the event finds it there). Names and counts only, never
 * item contents. A failed write fails the invocation, so EventBridge delivers the event again.
 */
async function recordResult(
  clients: RestoreTestClients,
  settings: ValidationSettings,
  restoreJobId: string,
  result: { result: string; message: string; recoveryPointArn?: string; table?: string },
): Promise<void> {
  const body = JSON.stringify({ restoreJobId, planArn: settings.planArn, ...result }, null, 2);
  try {
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: settings.evidenceBucket,
        Key: resultKey(restoreJobId),
        Body: `${body}\n`,
        ContentType: 'application/json',
        IfNoneMatch: '*',
      }),
    );
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'PreconditionFailed' || e.$metadata?.httpStatusCode === 412) return;
    throw error;
  }
}

/** The reason the restored table fails validation, or undefined when it passes. */
async function checkTable(
  clients: RestoreTestClients,
  settings: ValidationSettings,
  restoreJobId: string,
  table: string,
): Promise<string | undefined> {
  const described = await activeTable(clients, settings, table);
  if (typeof described === 'string') return described;

  const expected = await recordedKeySchema(clients, restoreJobId);
  const actual = described.KeySchema ?? [];
  if (expected && renderKeys(expected) !== renderKeys(actual))
    return `table ${table} has the key schema ${renderKeys(actual)}; the restore metadata records ${renderKeys(expected)}`;

  const read = await sampleCount(clients, settings, table);
  if (read === 0) return `table ${table} is empty: a scan returned no item`;
  return undefined;
}

type DescribedTable = { KeySchema?: KeySchemaElement[] };

/** The table once ACTIVE, or the reason it never was. */
async function activeTable(
  clients: RestoreTestClients,
  settings: ValidationSettings,
  table: string,
): Promise<DescribedTable | string> {
  let status = 'unknown';
  for (let attempt = 1; attempt <= settings.readyChecks; attempt++) {
    try {
      const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: table }));
      status = Table?.TableStatus ?? 'unknown';
      if (status === 'ACTIVE') return { KeySchema: Table?.KeySchema };
    } catch (error) {
      if (nameOf(error) === 'ResourceNotFoundException') return `the restored table ${table} does not exist`;
      // Throttling, access denied, a service error: not the data's fault. The invocation fails and
      // is retried; no result is reported for it.
      throw error;
    }
    if (attempt < settings.readyChecks) await sleep(settings.readyDelayMs);
  }
  return `table ${table} is ${status}, not ACTIVE, after ${settings.readyChecks} checks`;
}

/**
 * The source table's key schema, if the restore job's metadata records one. AWS does not document a
 * key-schema entry in DynamoDB restore metadata; any key named `KeySchema` (in any case) holding
 * DynamoDB's JSON form is used, and without one the schema is not compared.
 */
async function recordedKeySchema(
  clients: RestoreTestClients,
  restoreJobId: string,
): Promise<KeySchemaElement[] | undefined> {
  const { Metadata = {} } = await clients.backup.send(
    new GetRestoreJobMetadataCommand({ RestoreJobId: restoreJobId }),
  );
  const entry = Object.entries(Metadata).find(([key]) => key.toLowerCase() === 'keyschema');
  if (!entry) return undefined;
  try {
    const parsed = JSON.parse(entry[1]) as unknown;
    return Array.isArray(parsed) ? (parsed as KeySchemaElement[]) : undefined;
  } catch {
    return undefined;
  }
}

/** "pk HASH, sk RANGE", in key-type order: names only, never values. */
export function renderKeys(keys: readonly KeySchemaElement[]): string {
  return [...keys]
    .sort((a, b) => String(a.KeyType).localeCompare(String(b.KeyType)))
    .map((k) => `${k.AttributeName} ${k.KeyType}`)
    .join(', ');
}

/** How many items one bounded read returned (a few pages at most, in case a page comes back empty). */
async function sampleCount(clients: RestoreTestClients, settings: ValidationSettings, table: string) {
  let start: Record<string, unknown> | undefined;
  for (let page = 0; page < 3; page++) {
    try {
      const result = await clients.dynamodb.send(
        new ScanCommand({ TableName: table, Limit: settings.sampleSize, ExclusiveStartKey: start as never }),
      );
      const count = result.Items?.length ?? 0;
      if (count > 0 || !result.LastEvaluatedKey) return count;
      start = result.LastEvaluatedKey;
    } catch (error) {
      if (nameOf(error) === 'ResourceNotFoundException') return 0;
      throw error;
    }
  }
  return 0;
}

async function alert(
  clients: RestoreTestClients,
  settings: ValidationSettings,
  restoreJobId: string,
  recoveryPointArn: string | undefined,
  reason: string,
) {
  await clients.sns.send(
    new PublishCommand({
      TopicArn: settings.topicArn,
      Subject: 'CompactConnect backups: a restore test failed validation',
      Message: [
        `Restore test ${restoreJobId} (recovery point ${recoveryPointArn ?? 'unknown'}) failed validation:`,
        reason,
        '',
        'See the README, "Restore testing", for how to read a failed result. AWS Backup deletes the restored',
        'table at the end of the validation window.',
      ].join('\n'),
    }),
  );
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
