// The alerting grants, evaluated by the IAM engine against the policies the stack deploys: only the
// intended services use the alert key and publish to the topic, under their confused-deputy
// conditions; the freshness check role lists the two vaults, publishes to the topic, uses the alert
// key and writes its logs, and nothing else. Requests and their context: lib/analysis/iam.ts
// (alertSimulation, ALERT_ASSUMPTIONS).
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { renderAccessMatrix } from '../../lib/analysis/access-matrix';
import { mutantsOf } from '../../lib/analysis/mutants';
import { configWith } from '../support/config';
import {
  type Caller,
  type Evaluation,
  alertArns,
  type AlertPolicyName,
  alertSimulation,
  builtAlertPolicies,
  builtPolicies,
  evaluateAlert,
  evaluateSimulation,
  keyArnOf,
  type PolicyJson,
  type PolicyName,
  UNLISTED_ACCOUNT_ID,
  viaService,
} from '../../lib/analysis/iam';

vi.setConfig({ testTimeout: 60_000 });
const config = configWith();
const own = alertArns(config);
const ALERT_KEY = keyArnOf(config, 'alert');
const policies: Record<PolicyName | AlertPolicyName, PolicyJson> = {
  ...builtPolicies(config),
  ...builtAlertPolicies(config),
};

type Expected = { decision: Evaluation['decision']; resourceSids?: string[]; identitySids?: string[] };
const allowedBy = (...resourceSids: string[]): Expected => ({ decision: 'Allowed', resourceSids });
const IMPLICIT: Expected = { decision: 'ImplicitlyDenied' };

async function check(
  caller: Caller,
  action: string,
  resource: string,
  policy: PolicyName | AlertPolicyName | undefined,
  expected: Expected,
): Promise<Evaluation> {
  const result = await evaluateAlert(
    config,
    { caller, action, resource },
    { freshnessRole: policies.freshnessRole, resourcePolicy: policy ? policies[policy] : undefined },
  );
  expect(result.ignoredContextKeys).toEqual([]);
  expect({
    decision: result.decision,
    resourceSids: result.resourceSids,
    identitySids: result.identitySids,
  }).toEqual({ resourceSids: [], identitySids: [], ...expected });
  return result;
}

describe('the alert key', () => {
  const key = async (caller: Caller, action: string, expected: Expected): Promise<void> => {
    await check(caller, action, ALERT_KEY, 'alertKey', expected);
  };
  const events: Caller = { kind: 'eventsService' };

  test.each(['kms:GenerateDataKey', 'kms:Decrypt'])(
    'EventBridge of the backup account may call %s for the alert topic, and the encryption context was evaluated',
    async (action) => {
      const result = await check(
        events,
        action,
        ALERT_KEY,
        'alertKey',
        allowedBy('AllowEventBridgeToEncryptAlerts'),
      );
      expect(result.encryptionContext).toEqual({ 'kms:EncryptionContext:aws:sns:topicArn': own.topic });
    },
  );
  test.each(['kms:GenerateDataKey', 'kms:Decrypt'])(
    'EventBridge naming another account may still call %s, but only for the alert topic: the topic policy decides who publishes',
    (action) =>
      key(
        { kind: 'eventsService', sourceAccount: UNLISTED_ACCOUNT_ID },
        action,
        allowedBy('AllowEventBridgeToEncryptAlerts'),
      ),
  );
  test.each(['kms:GenerateDataKey', 'kms:Decrypt'])(
    'EventBridge of the backup account may not call %s for another topic',
    (action) => key({ kind: 'eventsService', topicArn: own.otherTopic }, action, IMPLICIT),
  );
  test.each(['kms:GenerateDataKey', 'kms:Decrypt'])('AWS Backup may call %s for the alert topic', (action) =>
    key({ kind: 'backupNotifications' }, action, allowedBy('AllowBackupToEncryptVaultNotifications')),
  );
  test.each(['kms:GenerateDataKey', 'kms:Decrypt'])(
    'AWS Backup may not call %s for another topic',
    (action) => key({ kind: 'backupNotifications', topicArn: own.otherTopic }, action, IMPLICIT),
  );
  test.each(['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom'])(
    "CloudWatch Logs may call %s for the freshness check's log group",
    (action) => key({ kind: 'logsService' }, action, allowedBy('AllowLogsToEncryptFreshnessCheckLogs')),
  );
  test.each(['kms:Encrypt', 'kms:Decrypt'])(
    'CloudWatch Logs may not call %s for another log group',
    (action) => key({ kind: 'logsService', logGroupArn: own.otherLogGroup }, action, IMPLICIT),
  );
  const services: Caller[] = [
    { kind: 'eventsService' },
    { kind: 'backupNotifications' },
    { kind: 'logsService' },
  ];
  test.each(
    services.flatMap((caller) =>
      ['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:CreateGrant', 'kms:DisableKey'].map(
        (action) => [caller.kind, action, caller] as const,
      ),
    ),
  )('the service principal of %s may not call %s', (_kind, action, caller) => key(caller, action, IMPLICIT));
  test.each(['kms:Encrypt', 'kms:ReEncryptFrom', 'kms:DescribeKey'])(
    'EventBridge may not call %s (it needs only GenerateDataKey and Decrypt)',
    (action) => key(events, action, IMPLICIT),
  );
  test.each(['sourceRole', 'unlistedRole'] as const)(
    'a role of another account (%s) may not use or administer the alert key',
    async (kind) => {
      for (const action of [
        'kms:Decrypt',
        'kms:GenerateDataKey',
        'kms:PutKeyPolicy',
        'kms:ScheduleKeyDeletion',
      ])
        await key({ kind }, action, IMPLICIT);
    },
  );
  test('nobody creates a grant on the alert key directly, an administrator included (CT.KMS.PR.3)', async () => {
    for (const kind of ['backupAdmin', 'sourceRole', 'unlistedRole'] as const)
      await key({ kind }, 'kms:CreateGrant', {
        decision: 'ExplicitlyDenied',
        resourceSids: ['DenyGrantsNotForAWSServices'],
      });
  });
  test('the grant control spares services: an administrator through SNS may create a grant for an AWS resource', () =>
    key({ kind: 'backupAdmin', via: viaService('sns', config.backupRegion) }, 'kms:CreateGrant', {
      ...allowedBy('EnableInAccountPermissions'),
      identitySids: ['*'],
    }));
  test('a backup-account administrator administers the alert key through IAM (EnableInAccountPermissions)', async () => {
    for (const action of ['kms:Decrypt', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion'])
      await key({ kind: 'backupAdmin' }, action, {
        ...allowedBy('EnableInAccountPermissions'),
        identitySids: ['*'],
      });
  });
});

describe('the alert topic', () => {
  const topic = async (caller: Caller, action: string, expected: Expected): Promise<void> => {
    await check(caller, action, own.topic, 'alertTopic', expected);
  };

  test('EventBridge of the backup account may publish', () =>
    topic({ kind: 'eventsService' }, 'sns:Publish', allowedBy('AllowEventBridgePublish')));
  test('EventBridge on behalf of another account (aws:SourceAccount) may not publish', () =>
    topic({ kind: 'eventsService', sourceAccount: UNLISTED_ACCOUNT_ID }, 'sns:Publish', IMPLICIT));
  test("AWS Backup may publish the notifications of this account's vaults", () =>
    topic({ kind: 'backupNotifications' }, 'sns:Publish', allowedBy('AllowBackupVaultNotifications')));
  test.each([UNLISTED_ACCOUNT_ID, config.sourceAccountIds[0]])(
    "AWS Backup on behalf of another account's vault (aws:SourceAccount %s) may not publish",
    (sourceAccount) => topic({ kind: 'backupNotifications', sourceAccount }, 'sns:Publish', IMPLICIT),
  );
  const callers: Caller[] = [
    { kind: 'eventsService' },
    { kind: 'backupNotifications' },
    { kind: 'backupAdmin' },
    { kind: 'sourceRole' },
    { kind: 'freshnessRole' },
  ];
  test.each(callers.map((c) => [c.kind, c] as const))(
    '%s may not publish without TLS (DenyPublishWithoutTLS)',
    (_k, c) =>
      topic({ ...c, secureTransport: false }, 'sns:Publish', {
        decision: 'ExplicitlyDenied',
        resourceSids: ['DenyPublishWithoutTLS'],
      }),
  );
  test("every mutant of AWS Backup's publish statement fails one of these proofs (removed, its aws:SourceAccount removed)", async () => {
    const proofs: [Caller, Evaluation['decision']][] = [
      [{ kind: 'backupNotifications' }, 'Allowed'],
      [{ kind: 'backupNotifications', sourceAccount: UNLISTED_ACCOUNT_ID }, 'ImplicitlyDenied'],
      [{ kind: 'backupNotifications', sourceAccount: config.sourceAccountIds[0] }, 'ImplicitlyDenied'],
    ];
    // Widening its principal to "*" is left out: under aws:SourceAccount it would admit only other AWS
    // services publishing for this account, and no modelled caller is one.
    const mutants = mutantsOf(policies.alertTopic, (s) => s.Sid === 'AllowBackupVaultNotifications').filter(
      (m) => m.change.kind !== 'principal',
    );
    expect(mutants.map((m) => m.description)).toEqual([
      'remove statement AllowBackupVaultNotifications',
      'remove condition StringEquals aws:SourceAccount of AllowBackupVaultNotifications',
    ]);
    for (const mutant of mutants) {
      const decisions = [];
      for (const [caller] of proofs)
        decisions.push(
          (
            await evaluateAlert(
              config,
              { caller, action: 'sns:Publish', resource: own.topic },
              { resourcePolicy: mutant.policy },
            )
          ).decision,
        );
      expect({ mutant: mutant.description, decisions }).not.toEqual({
        mutant: mutant.description,
        decisions: proofs.map(([, expected]) => expected),
      });
    }
  });
  test.each(['sourceRole', 'unlistedRole'] as const)(
    'a role of another account (%s) may not publish or subscribe',
    async (kind) => {
      for (const action of ['sns:Publish', 'sns:Subscribe', 'sns:SetTopicAttributes'])
        await topic({ kind }, action, IMPLICIT);
    },
  );
  test.each(['sns:Subscribe', 'sns:SetTopicAttributes', 'sns:AddPermission', 'sns:DeleteTopic'])(
    'neither service may call %s',
    async (action) => {
      await topic({ kind: 'eventsService' }, action, IMPLICIT);
      await topic({ kind: 'backupNotifications' }, action, IMPLICIT);
    },
  );
});

describe('the freshness check role', () => {
  const role: Caller = { kind: 'freshnessRole' };
  const viaSns: Caller = { kind: 'freshnessRole', via: viaService('sns', config.backupRegion) };
  const own_ = (...identitySids: string[]): Expected => ({ decision: 'Allowed', identitySids });
  const list = 'backup:ListRecoveryPointsByBackupVault';
  const stream = (group: string) => `${group}:log-stream:2026/11/27/[$LATEST]0123456789abcdef`;

  test('lists the recovery points of the two vaults, under their access policies', async () => {
    await check(
      role,
      list,
      own.vault(config.backupVaultName),
      'generalVault',
      own_('ListRecoveryPointsOfTheWatchedVaults'),
    );
    await check(
      role,
      list,
      own.vault(config.ssnBackupVaultName),
      'ssnVault',
      own_('ListRecoveryPointsOfTheWatchedVaults'),
    );
  });
  test('its policy holds these six actions and nothing else (no wildcard, no NotAction, no DENY)', () => {
    const statements = [policies.freshnessRole.Statement].flat();
    expect(
      statements.every((s) => s.Effect === 'Allow' && !('NotAction' in s) && !('NotResource' in s)),
    ).toBe(true);
    expect(statements.flatMap((s) => [s.Action].flat()).sort()).toEqual([
      'backup:ListRecoveryPointsByBackupVault',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'sns:Publish',
    ]);
  });
  test('lists no other vault', () => check(role, list, own.vault('SomeOtherVault'), undefined, IMPLICIT));
  test('publishes to the alert topic, and to no other', async () => {
    await check(role, 'sns:Publish', own.topic, 'alertTopic', own_('PublishAlerts'));
    await check(role, 'sns:Publish', own.otherTopic, undefined, IMPLICIT);
  });
  test.each(['kms:GenerateDataKey', 'kms:Decrypt'])(
    'uses the alert key for %s when SNS encrypts its alerts',
    async (action) => {
      await check(viaSns, action, ALERT_KEY, 'alertKey', {
        decision: 'Allowed',
        identitySids: ['EncryptAlertsWithTheAlertKey'],
        resourceSids: ['EnableInAccountPermissions'],
      });
    },
  );
  test.each(['kms:GenerateDataKey', 'kms:Decrypt'])(
    'may not use the alert key for %s directly: only through SNS (kms:ViaService)',
    async (action) => {
      await check(role, action, ALERT_KEY, 'alertKey', IMPLICIT);
    },
  );
  test('may not administer the alert key', () =>
    check(role, 'kms:PutKeyPolicy', ALERT_KEY, 'alertKey', IMPLICIT));
  test('may not decrypt with the backup keys; on the SSN key the break-glass DENY applies too', async () => {
    await check(role, 'kms:Decrypt', keyArnOf(config, 'general'), 'generalKey', IMPLICIT);
    await check(role, 'kms:Decrypt', keyArnOf(config, 'ssn'), 'ssnKey', {
      decision: 'ExplicitlyDenied',
      resourceSids: ['DenySSNKeyDecryptOperations', 'DenySSNKeyUseInBackupAccount'],
    });
  });
  test('writes to its own log group only', async () => {
    for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents'])
      await check(role, action, stream(own.logGroup), undefined, own_('WriteOwnLogs'));
    await check(role, 'logs:PutLogEvents', stream(own.otherLogGroup), undefined, IMPLICIT);
    await check(role, 'logs:DeleteLogGroup', own.logGroup, undefined, IMPLICIT);
  });
  test('may not restore: SSN recovery points are denied by the break-glass DENY, general ones by omission', async () => {
    await check(role, 'backup:StartRestoreJob', own.recoveryPoint, 'ssnVault', {
      decision: 'ExplicitlyDenied',
      resourceSids: ['DenyEmergencyRestoreOperations'],
    });
    await check(role, 'backup:StartRestoreJob', own.recoveryPoint, 'generalVault', IMPLICIT);
  });
});

describe('the harness path for encryption contexts', () => {
  test('the engine alone drops kms:EncryptionContext:… keys (why the harness path exists)', async () => {
    const { simulation, encryptionContext } = alertSimulation(
      config,
      { caller: { kind: 'eventsService' }, action: 'kms:Decrypt', resource: ALERT_KEY },
      { resourcePolicy: policies.alertKey },
    );
    const request = {
      ...simulation.request,
      contextVariables: { ...simulation.request.contextVariables, ...encryptionContext },
    };
    const result = await runSimulation({ ...simulation, request }, { simulationMode: 'Strict' });
    if (result.resultType !== 'single') throw new Error('not evaluated');
    expect(result.result.ignoredContextKeys).toEqual(['kms:EncryptionContext:aws:sns:topicArn']);
    expect(result.overallResult).toBe('ImplicitlyDenied');
  });

  test('it agrees with the engine path, decision and deciding statements, wherever both apply', async () => {
    const requests: {
      caller: Caller;
      action: string;
      resource: string;
      policy?: PolicyName | AlertPolicyName;
    }[] = [];
    for (const kind of [
      'eventsService',
      'backupNotifications',
      'backupAdmin',
      'sourceRole',
      'unlistedRole',
      'freshnessRole',
    ] as const)
      for (const secureTransport of [true, false])
        for (const action of ['sns:Publish', 'sns:Subscribe'])
          requests.push({
            caller: {
              kind,
              secureTransport,
              sourceAccount: kind === 'eventsService' && !secureTransport ? UNLISTED_ACCOUNT_ID : undefined,
            },
            action,
            resource: own.topic,
            policy: 'alertTopic',
          });
    for (const kind of ['backupAdmin', 'sourceRole', 'freshnessRole'] as const)
      for (const action of ['kms:PutKeyPolicy', 'kms:DescribeKey', 'kms:ScheduleKeyDeletion'])
        for (const key of ['alert', 'ssn'] as const)
          requests.push({
            caller: { kind },
            action,
            resource: keyArnOf(config, key),
            policy: key === 'alert' ? 'alertKey' : 'ssnKey',
          });
    requests.push({
      caller: { kind: 'freshnessRole' },
      action: 'backup:StartRestoreJob',
      resource: own.recoveryPoint,
      policy: 'ssnVault',
    });
    requests.push({
      caller: { kind: 'freshnessRole' },
      action: 'backup:ListRecoveryPointsByBackupVault',
      resource: own.vault(config.backupVaultName),
      policy: 'generalVault',
    });
    const decisions = new Set<string>();
    for (const r of requests) {
      const { simulation } = alertSimulation(config, r, {
        freshnessRole: policies.freshnessRole,
        resourcePolicy: r.policy ? policies[r.policy] : undefined,
      });
      const engine = await evaluateSimulation(simulation, 'engine');
      const harness = await evaluateSimulation(simulation, 'statement-by-statement');
      expect({ request: r, ...harness }).toEqual({ request: r, ...engine });
      decisions.add(engine.decision);
    }
    // The comparison covers every kind of decision.
    expect([...decisions].sort()).toEqual(['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied']);
  });
});

test('the access matrix shows the alerting sections, with the TLS deny and the topic pinned on the key', async () => {
  const markdown = await renderAccessMatrix(config, 'test');
  const section = (title: string) => markdown.split('\n## ').find((s) => s.startsWith(title)) ?? '';
  const row = (title: string, label: string) =>
    section(title)
      .split('\n')
      .find((l) => l.startsWith(`| ${label} |`));
  expect(row('Alert key', '`kms:GenerateDataKey`')).toMatch(
    /^\| `kms:GenerateDataKey` \| Allowed by `AllowEventBridgeToEncryptAlerts` \(key policy\) \| Allowed by `AllowEventBridgeToEncryptAlerts` \(key policy\) \| denied \(implicit\) \|/,
  );
  expect(row('Alert topic', '`sns:Publish` without TLS (`aws:SecureTransport` false)')).not.toMatch(
    /Allowed|implicit/,
  );
  expect(row('Freshness check role', 'kms:Decrypt on the SSN key, direct')).toBe(
    '| kms:Decrypt on the SSN key, direct | **Denied** by `DenySSNKeyDecryptOperations, DenySSNKeyUseInBackupAccount` |',
  );
});
