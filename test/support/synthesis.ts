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

/** Makes a value and everything in it read-only: an assignment to any part of it throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The stack and its template for a configuration; without one, the example configuration's,
 * synthesized once per worker and shared by the test files that run there: its template is frozen,
 * so that a test that changes what it reads fails instead of changing it for the others.
 */
export function synthesize(config?: BackupAccountConfig): Synthesis {
  if (config === undefined) {
    if (!example) {
      example = synthesize(configWith());
      deepFreeze(example.template.toJSON());
    }
    return example;
  }
  const app = new App(WITHOUT_CLOUDFORMATION_VALIDATION);
  const stack = new BackupAccountStack(app, 'BackupAccountStack', { config });
  return { stack, template: Template.fromStack(stack) };
}
