import { BackupClient } from '@aws-sdk/client-backup';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { checkOverdue, type OverdueOutcome, type OverdueSettings } from './overdue';
import {
  type RestoreJobEventDetail,
  type RestoreTestClients,
  type ValidationOutcome,
  type ValidationSettings,
  validateRestore,
} from './validate';

/**
 * The Lambda entry point of restore testing: a "Restore Job State Change" event (a restore test of the
 * plan completed) is validated; the daily "Scheduled Event" checks that restore tests still complete.
 * Clients come from the AWS SDK v3 that the Node.js runtime provides (the bundle leaves `@aws-sdk/*`
 * out), settings from the environment the stack sets.
 */
export interface RestoreTestEvent {
  readonly 'detail-type'?: string;
  readonly detail?: RestoreJobEventDetail;
}

export type RestoreTestSettings = ValidationSettings & OverdueSettings;

export const RESTORE_JOB_EVENT = 'Restore Job State Change';
export const SCHEDULED_EVENT = 'Scheduled Event';

/** Items read to prove a restored table is readable. */
export const SAMPLE_SIZE = 25;

export function settingsFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): RestoreTestSettings {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`restore testing: environment variable ${name} is not set`);
    return value;
  };
  const hours = Number(required('MAX_SILENCE_HOURS'));
  if (!Number.isInteger(hours) || hours < 1)
    throw new Error(
      `restore testing: MAX_SILENCE_HOURS must be a whole number, got ${JSON.stringify(env.MAX_SILENCE_HOURS)}`,
    );
  return {
    planName: required('PLAN_NAME'),
    planArn: required('PLAN_ARN'),
    topicArn: required('TOPIC_ARN'),
    maxSilenceHours: hours,
    sampleSize: SAMPLE_SIZE,
    readyChecks: 6,
    readyDelayMs: 10_000,
    evidenceBucket: required('EVIDENCE_BUCKET'),
  };
}

export function createHandler(
  clients: RestoreTestClients,
  settings: RestoreTestSettings,
  clock: () => Date = () => new Date(),
): (event: RestoreTestEvent) => Promise<ValidationOutcome | OverdueOutcome> {
  return async (event) => {
    const outcome =
      event['detail-type'] === RESTORE_JOB_EVENT
        ? await validateRestore(clients, settings, event.detail ?? {})
        : event['detail-type'] === SCHEDULED_EVENT
          ? await checkOverdue(clients, settings, clock())
          : undefined;
    if (!outcome)
      throw new Error(`restore testing: unexpected event type ${JSON.stringify(event['detail-type'])}`);
    // The outcome names jobs, tables, counts and reasons: never item contents.
    console.log(JSON.stringify(outcome));
    return outcome;
  };
}

let handle: ((event: RestoreTestEvent) => Promise<ValidationOutcome | OverdueOutcome>) | undefined;

export async function handler(event: RestoreTestEvent): Promise<ValidationOutcome | OverdueOutcome> {
  handle ??= createHandler(
    {
      backup: new BackupClient({}),
      dynamodb: new DynamoDBClient({}),
      sns: new SNSClient({}),
      s3: new S3Client({}),
    },
    settingsFromEnvironment(process.env),
  );
  return handle(event);
}
