import { App, type AppProps, CfnRule, Fn, type Stack } from 'aws-cdk-lib';
import { BackupAccountStack, STACK_NAME } from './backup-account-stack';
import { EXIT } from './cli/exit-codes';
import { applyCompliancePacks } from './compliance';
import { ConfigError } from './config/errors';
import { loadConfig, placeholderNotice } from './config/load';
import type { BackupAccountConfig } from './config/types';
import { describeSynthesis } from './summary';

/** Composes the app as operators synthesize it: the stack, under the compliance packs. */
export function composeApp(app: App, config: BackupAccountConfig): BackupAccountStack {
  applyCompliancePacks(app);
  return new BackupAccountStack(app, STACK_NAME, { config });
}

/** The CloudFormation rule that refuses to deploy a template built from placeholder IDs. */
export const PLACEHOLDER_RULE_ID = 'PlaceholderAccountIds';

/**
 * The CDK CLI runs the app alike for `cdk synth` and `cdk deploy` (same environment variables, same
 * context), so the app cannot refuse a deployment itself. Instead the template carries a rule that
 * never holds: CloudFormation evaluates rules before it creates or updates a stack, and stops with
 * this description (the CDK's own CheckBootstrapVersion rule works the same way).
 */
function refuseDeployment(stack: Stack, keys: readonly string[]): void {
  new CfnRule(stack, PLACEHOLDER_RULE_ID, {
    assertions: [
      {
        assert: Fn.conditionEquals('example placeholder IDs', 'replaced'),
        assertDescription: `Synthesized from a configuration that still holds the example's placeholder IDs (${keys.join(', ')}): set the real IDs in backup-account.json, then deploy again.`,
      },
    ],
  });
}

export interface RunAppOptions {
  /** Where backup-account.json and the example file are (the CDK CLI runs the app in that folder). */
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
    const loaded = loadConfig({ directory: options.directory, context: app.node.getAllContext() });
    const { config, environment, placeholders } = loaded;
    for (const notice of [loaded.notice, placeholderNotice(loaded)]) if (notice) options.stderr(notice);
    const stack = composeApp(app, config);
    if (placeholders.length > 0) refuseDeployment(stack, placeholders);
    app.synth();
    const today = (options.now ?? (() => new Date()))();
    options.stderr(describeSynthesis({ config, environment, today }));
    if (placeholders.length > 0) options.stderr(placeholderWarning(placeholders));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ConfigError) {
      options.stderr(error.message);
      return EXIT.usage;
    }
    throw error;
  }
}

function placeholderWarning(keys: readonly string[]): string {
  return [
    `  WARNING: NOT DEPLOYABLE. ${keys.join(', ')} still hold the example's placeholder IDs.`,
    `    The template carries the rule ${PLACEHOLDER_RULE_ID}, so CloudFormation refuses to deploy it;`,
    '    set the real IDs in backup-account.json first (the app cannot tell `cdk deploy` from `cdk synth`).',
  ].join('\n');
}
