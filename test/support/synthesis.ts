// Synthesis, for the tests that read a template; apart from ./config, so that the tests of the
// configuration, the policies and the tools do not load the stack and aws-cdk-lib.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BackupAccountStack } from '../../lib/backup-account-stack';
import type { BackupAccountConfig } from '../../lib/config';
import { configWith } from './config';

/**
 * App settings for tests that read the template: without CDK's built-in CloudFormation validation, a
 * WebAssembly rule engine that takes about 3 s to start in every test file. test/validation.test.ts
 * runs it, with findings as errors as cdk.json sets, on every shape of the template.
 */
export const WITHOUT_CLOUDFORMATION_VALIDATION = { builtinCloudFormationValidation: false } as const;

export interface Synthesis {
  readonly stack: BackupAccountStack;
  readonly template: Template;
}

let example: Synthesis | undefined;

/**
 * The stack and its template for a configuration; without one, the example configuration's,
 * synthesized once per test file (tests only read it).
 */
export function synthesize(config?: BackupAccountConfig): Synthesis {
  if (config === undefined) return (example ??= synthesize(configWith()));
  const app = new App(WITHOUT_CLOUDFORMATION_VALIDATION);
  const stack = new BackupAccountStack(app, 'BackupAccountStack', { config });
  return { stack, template: Template.fromStack(stack) };
}
