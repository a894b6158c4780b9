// CDK validates every synthesized template against AWS's CloudFormation rules (schemas, linting,
// misconfigurations); cdk.json's `@aws-cdk/core:validateAgainstDefaultRules` makes a finding fail
// `cdk synth`. The other tests synthesize without that validation (test/support/config.ts says why):
// here it runs, as cdk.json sets it, on each shape the configuration can give the template.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnResource } from 'aws-cdk-lib';
import { composeApp } from '../lib/app';
import type { BackupAccountConfig } from '../lib/config';
import { configWith, PROJECT_ROOT } from './support/config';

/** The context the CDK CLI gives the app: cdk.json's feature flags. */
const CDK_JSON_CONTEXT = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')).context;

test('cdk.json makes a finding fail `cdk synth` (without the flag, findings are only warnings)', () => {
  expect(CDK_JSON_CONTEXT['@aws-cdk/core:validateAgainstDefaultRules']).toBe(true);
});

let outdir: string;
beforeEach(() => (outdir = mkdtempSync(join(tmpdir(), 'validation-'))));
afterEach(() => rmSync(outdir, { recursive: true, force: true }));

function synth(config: BackupAccountConfig, extend: (app: App) => void = () => undefined): void {
  const app = new App({ outdir, context: CDK_JSON_CONTEXT });
  composeApp(app, config);
  extend(app);
  app.synth();
}

test.each([
  ['the example configuration (compliance lock, no alert e-mail, no restore testing)', configWith()],
  [
    'every option on (governance lock, a maximum retention, alert e-mails, restore testing)',
    configWith({
      vault_lock_mode: 'governance',
      vault_lock_max_retention_days: 3650,
      alert_emails: ['backup-alerts@example.com', 'oncall@example.com'],
      restore_testing_schedule: 'cron(0 5 ? * SUN *)',
    }),
  ],
])('%s: no finding', (_name, config) => {
  expect(() => synth(config)).not.toThrow();
});

test('the validation does run: a resource that breaks its schema fails the synthesis', () => {
  const addBrokenQueue = (app: App) =>
    new CfnResource(app.node.findChild('BackupAccountStack'), 'BrokenQueue', {
      type: 'AWS::SQS::Queue',
      properties: { MessageRetentionPeriod: 'a week' },
    });
  expect(() => synth(configWith(), addBrokenQueue)).toThrow(
    /MessageRetentionPeriod: 'a week' is not of type 'integer' \(CloudFormation Validate\)/,
  );
});
