import { BackupClient } from '@aws-sdk/client-backup';
import { SNSClient } from '@aws-sdk/client-sns';
import {
  checkFreshness,
  type FreshnessClients,
  type FreshnessReport,
  settingsFromEnvironment,
} from './check';

/**
 * The Lambda entry point: clients from the AWS SDK v3 that the Node.js runtime provides (the bundle
 * leaves `@aws-sdk/*` out), settings from the environment the stack sets.
 */
export function createHandler(
  clients: FreshnessClients,
  env: Readonly<Record<string, string | undefined>>,
  clock: () => Date = () => new Date(),
): () => Promise<FreshnessReport> {
  const settings = settingsFromEnvironment(env);
  return async () => {
    const report = await checkFreshness(clients, settings, clock());
    console.log(JSON.stringify(report));
    return report;
  };
}

let handle: (() => Promise<FreshnessReport>) | undefined;

export async function handler(): Promise<FreshnessReport> {
  handle ??= createHandler({ backup: new BackupClient({}), sns: new SNSClient({}) }, process.env);
  return handle();
}
