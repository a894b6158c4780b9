import type { BackupAccountConfig } from '../config/types';
import { checkProfile, checkRegion } from './aws-options';
import { loadToolConfig, parseContextPairs } from './config';
import type { GlobalOptions } from './program';

/** How a command uses AWS. */
export interface Access {
  /** The command only reads, and may read another region than backup_region when this is true. */
  readonly otherRegion?: boolean;
  /** The option that allows another region, named in the error (read-only commands). */
  readonly otherRegionOption?: string;
  /** The command makes no AWS call: no profile check. */
  readonly offline?: boolean;
}

/** Where a command runs: the folder the configuration is looked for in, and where warnings go. */
export interface SetupEnvironment {
  readonly cwd: string;
  readonly err: (text: string) => void;
  /** The profiles the AWS configuration files define. @default read with the SDK's loader */
  readonly profiles?: () => Promise<readonly string[]>;
}

/**
 * What every command of the operator's tools does first: read the configuration as the app does
 * (with -c overrides), settle the region against backup_region, and check the profile.
 */
export async function setUpCommand(
  globals: GlobalOptions,
  env: SetupEnvironment,
  access: Access = {},
): Promise<{ readonly config: BackupAccountConfig; readonly region: string }> {
  const { config, notice } = loadToolConfig({
    directory: env.cwd,
    configPath: globals.config,
    context: parseContextPairs(globals.context),
  });
  if (notice) env.err(notice);
  const region = checkRegion(
    globals.region,
    config.backupRegion,
    { otherRegionAllowed: access.otherRegion === true, allowOption: access.otherRegionOption },
    env.err,
  );
  if (!access.offline) await checkProfile(globals.profile, env.profiles);
  return { config, region };
}
