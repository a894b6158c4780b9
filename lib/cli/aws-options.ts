import { loadSharedConfigFiles } from '@smithy/core/config';
import { CliError, UsageError } from './errors';
import { EXIT } from './exit-codes';

/** Sections of the AWS config file that are not profiles (`[sso-session x]`, `[services x]`). */
const NOT_PROFILES = /^(?:sso-session|services)\./;

/**
 * The profiles that the AWS configuration files define (`~/.aws/config` and `~/.aws/credentials`,
 * or the files that AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name), read with the SDK's own
 * loader so that the list is what the SDK would find.
 */
export async function definedProfiles(): Promise<string[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const names = [...Object.keys(configFile), ...Object.keys(credentialsFile)].filter(
    (n) => !NOT_PROFILES.test(n),
  );
  return [...new Set(names)].sort();
}

/** Refuses a `--profile` that the configuration files do not define, listing those they do. */
export async function checkProfile(
  profile: string | undefined,
  profiles: () => Promise<readonly string[]> = definedProfiles,
): Promise<void> {
  if (profile === undefined) return;
  const known = await profiles();
  if (known.includes(profile)) return;
  throw new CliError(
    `AWS profile "${profile}" not found in the AWS configuration files (~/.aws/config, ~/.aws/credentials). ${
      known.length > 0
        ? `Profiles they define: ${known.join(', ')}.`
        : 'They define no profile: create one (e.g. aws configure sso).'
    }`,
    EXIT.noCredentials,
  );
}

/** What `--region` may be for a command. */
export interface RegionRule {
  /** The command only reads, and the operator asked for another region explicitly. */
  readonly otherRegionAllowed: boolean;
  /** The option that allows it, named in the error for commands that only read. */
  readonly allowOption?: string;
}

/**
 * The region to act in: the configuration's backup_region. A different `--region` is an error,
 * naming both, unless the command only reads and the operator said so explicitly.
 */
export function checkRegion(
  region: string | undefined,
  backupRegion: string,
  rule: RegionRule,
  warn: (text: string) => void,
): string {
  if (region === undefined || region === backupRegion) return backupRegion;
  if (rule.otherRegionAllowed) {
    warn(`Warning: --region ${region} differs from the configuration's backup_region ${backupRegion}.`);
    return region;
  }
  throw new UsageError(
    `--region ${region} is not the configuration's backup_region ${backupRegion}, where the stack is deployed: drop --region, or correct backup_region${
      rule.allowOption ? `; to read ${region} deliberately, add ${rule.allowOption}` : ''
    }`,
  );
}

/** The Node.js major version that AWS SDK releases after early January 2027 require. */
export const SDK_NODE_MAJOR = 22;

/**
 * The AWS SDK prints an eight-line NodeVersionSupportWarning on Node.js below 22; the tool turns it
 * off and prints this one line instead, once, when it first builds an AWS client.
 */
export function nodeVersionNotice(nodeVersion: string): string | undefined {
  const major = Number(/^v?(\d+)/.exec(nodeVersion)?.[1]);
  if (!(major < SDK_NODE_MAJOR)) return undefined;
  return `Note: Node.js ${nodeVersion} works, but AWS SDK releases after early January 2027 need Node.js ${SDK_NODE_MAJOR} or later.`;
}

/** Turns off the SDK's own warning (the documented switch); call before the first client exists. */
export function silenceSdkNodeWarning(env: NodeJS.ProcessEnv = process.env): void {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}
