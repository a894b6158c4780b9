import { App, type AppProps, CfnParameter, CfnRule, Fn, type Stack } from 'aws-cdk-lib';
import { BackupAccountStack, STACK_NAME } from './backup-account-stack';
import { applyCompliancePacks } from './compliance';
import { ConfigError } from './config/errors';
import { loadConfig, placeholderNotice } from './config/load';
import type { BackupAccountConfig } from './config/types';
import { alertWarning, describeSynthesis } from './summary';

/** Composes the app as operators synthesize it: the stack, under the compliance packs. */
export function composeApp(app: App, config: BackupAccountConfig): BackupAccountStack {
  applyCompliancePacks(app);
  return new BackupAccountStack(app, STACK_NAME, { config });
}

/** The CloudFormation rule that refuses to deploy a template built from placeholder IDs. */
export const PLACEHOLDER_RULE_ID = 'PlaceholderAccountIds';
/** The parameter that rule validates: the keys that still hold placeholders, its only allowed value. */
export const PLACEHOLDER_PARAMETER_ID = 'ExamplePlaceholderKeys';

/**
 * The CDK CLI runs the app alike for `cdk synth` and `cdk deploy` (same environment variables, same
 * context), so the app cannot refuse a deployment itself. Instead the template carries a rule that
 * never holds: CloudFormation evaluates rules before it creates or updates a stack, and stops with
 * this description. Rules validate parameters (the CDK's own CheckBootstrapVersion checks
 * BootstrapVersion), so this one checks a parameter whose only allowed value it refuses.
 */
function refuseDeployment(stack: Stack, keys: readonly string[]): void {
  const listed = keys.join(',');
  const parameter = new CfnParameter(stack, PLACEHOLDER_PARAMETER_ID, {
    type: 'String',
    default: listed,
    allowedValues: [listed],
    description: `The configuration keys that still hold the example's placeholder IDs; the rule ${PLACEHOLDER_RULE_ID} refuses to deploy while they do.`,
  });
  new CfnRule(stack, PLACEHOLDER_RULE_ID, {
    assertions: [
      {
        assert: Fn.conditionNot(Fn.conditionEquals(parameter.valueAsString, listed)),
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

/** What runApp did: synthesized the app, or printed the configuration's mistakes. */
export type AppOutcome = 'synthesized' | 'configuration-error';

/**
 * Loads the configuration, builds and synthesizes the app. A configuration mistake is printed as a
 * message, never as a stack trace; bin/app.ts turns the outcome into the process exit code.
 */
export function runApp(options: RunAppOptions): AppOutcome {
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
    // Warnings last, the most serious at the very end: it is what the terminal shows when done.
    const warnings = [
      alertWarning(config, environment),
      placeholders.length > 0 ? placeholderWarning(placeholders) : undefined,
    ];
    for (const warning of warnings) if (warning) options.stderr(warning);
    return 'synthesized';
  } catch (error) {
    if (error instanceof ConfigError) {
      options.stderr(error.message);
      return 'configuration-error';
    }
    throw error;
  }
}

function placeholderWarning(keys: readonly string[]): string {
  return [
    `  WARNING: NOT DEPLOYABLE. ${keys.join(', ')} still ${keys.length === 1 ? 'holds' : 'hold'} the example's placeholder IDs.`,
    `    The template carries the rule ${PLACEHOLDER_RULE_ID}, so CloudFormation refuses to deploy it;`,
    '    set the real IDs in backup-account.json first (the app cannot tell `cdk deploy` from `cdk synth`).',
  ].join('\n');
}
