import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BackupAccountStack } from '../../lib/backup-account-stack';
import { type BackupAccountConfig, validateConfig } from '../../lib/config';

export const PROJECT_ROOT = join(__dirname, '..', '..');

/** The raw example configuration, as operators copy it. */
export function exampleContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'backup-account.example.json'), 'utf8'));
}

/** The example configuration with some raw keys replaced, validated. */
export function configWith(overrides: Record<string, unknown> = {}): BackupAccountConfig {
  return validateConfig({ ...exampleContext(), ...overrides }, 'test');
}

export function synthesize(config: BackupAccountConfig = configWith()): {
  stack: BackupAccountStack;
  template: Template;
} {
  const app = new App();
  const stack = new BackupAccountStack(app, 'BackupAccountStack', { config });
  return { stack, template: Template.fromStack(stack) };
}
