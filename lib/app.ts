import { App, type AppProps } from 'aws-cdk-lib';
import { BackupAccountStack, STACK_NAME } from './backup-account-stack';
import { applyCompliancePacks } from './compliance';
import { ConfigError } from './config/errors';
import { loadConfig } from './config/load';
import type { BackupAccountConfig } from './config/types';
import { describeSynthesis } from './summary';

/** Composes the app as operators synthesize it: the stack, under the compliance packs. */
export function composeApp(app: App, config: BackupAccountConfig): BackupAccountStack {
  applyCompliancePacks(app);
  return new BackupAccountStack(app, STACK_NAME, { config });
}

export interface RunAppOptions {
  /** Where cdk.context.json and the example file are (the CDK CLI runs the app in that folder). */
  readonly directory: string;
  /** Where operator messages go. */
  readonly stderr: (text: string) => void;
  /** Extra App settings (tests set `outdir` and `context`); the CLI passes its own by environment. */
  readonly appProps?: AppProps;
  /** The clock, for the vault-lock date in the summary. */
  readonly now?: () => Date;
}

/**
 * Loads the configuration, builds and synthesizes the app. Returns the process exit code: a
 * configuration mistake is printed as a message, never as a stack trace.
 */
export function runApp(options: RunAppOptions): number {
  try {
    const app = new App(options.appProps);
    const { config, notice, environment } = loadConfig({
      directory: options.directory,
      context: app.node.getAllContext(),
    });
    if (notice) options.stderr(notice);
    composeApp(app, config);
    app.synth();
    const today = (options.now ?? (() => new Date()))();
    options.stderr(describeSynthesis({ config, environment, today }));
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      options.stderr(error.message);
      return 1;
    }
    throw error;
  }
}
