/**
 * The break-glass account on the shared fake (test/support/fake-aws.ts): the SSN vault and key with
 * their policies, the deployed stack, the evidence bucket, and the restored data tests add. The
 * policies, the stack and the bucket are also reachable under the names the tests use (`vault`,
 * `key`, `stack`, `objects`, `retention`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BreakGlassAws } from '../../lib/aws';
import { baselinePolicies } from '../../lib/seal/baseline';
import type { Opening } from '../../lib/seal/opening';
import { openPolicies } from '../../lib/seal/opening';
import { policyText } from '../../lib/policies/policy-json';
import type { Runtime } from '../../lib/break-glass/runtime';
import { isoSeconds } from '../../lib/break-glass/state';
import {
  entryHash,
  entryText,
  TRAIL_PREFIX,
  type TrailEntry,
  type TrailEvent,
  trailKey,
} from '../../lib/break-glass/trail';
import type { BackupAccountConfig } from '../../lib/config';
import { STACK_NAME } from '../../lib/stack-facts';
import { configWith } from '../support/config';
import { FakeAws as SharedFake } from '../support/fake-aws';
import { tempFolder } from '../support/temp';

export { serviceError } from '../support/fake-aws';

export const config: BackupAccountConfig = configWith();
export const ACCOUNT = config.backupAccountId;
export const KEY_ID = '66666666-7777-4888-8999-aaaaaaaaaaaa';
export const KEY_ARN = `arn:aws:kms:us-west-2:${ACCOUNT}:key/${KEY_ID}`;
export const VAULT = config.ssnBackupVaultName;
export const VAULT_ARN = `arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:${VAULT}`;
export const GENERAL_VAULT_ARN = `arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:${config.backupVaultName}`;
export const OPERATOR_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/Administrator/jane`;
export const RESTORER = `arn:aws:iam::${ACCOUNT}:role/SsnRestore`;
/** The fixed clock of every test. */
export const NOW = new Date('2030-03-01T10:00:00.000Z');

export const baseline = baselinePolicies(config);
export const BASELINE_TEXT = { vault: policyText(baseline.vault), key: policyText(baseline.key) };

export function openedText(grant: Opening): { vault: string; key: string } {
  const opened = openPolicies(baseline, grant);
  return { vault: policyText(opened.vault), key: policyText(opened.key) };
}

export const OPENING: Opening = {
  principalArn: RESTORER,
  expiry: '2030-03-01T12:00:00Z',
  reason: 'INC-1234 restore the licensee table',
};

/** The evidence bucket the stack's output names. */
export const BUCKET = `compactconnect-backup-evidence-${ACCOUNT}-us-west-2`;
export const STACK_ID = `arn:aws:cloudformation:us-west-2:${ACCOUNT}:stack/BackupAccountStack/1`;
/** When the stack was last deployed: before the fixed clock. */
export const DEPLOYED_AT = new Date('2030-02-20T09:00:00.000Z');

/** The stack's template as far as the tool reads it: the SSN vault, its key, and their policies. */
export function templateText(policies: { vault: unknown; key: unknown } = baseline): string {
  return JSON.stringify({
    Resources: {
      SsnVault: {
        Type: 'AWS::Backup::BackupVault',
        Properties: {
          BackupVaultName: VAULT,
          EncryptionKeyArn: { 'Fn::GetAtt': ['SsnKey', 'Arn'] },
          AccessPolicy: policies.vault,
        },
      },
      SsnKey: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: policies.key } },
    },
  });
}

/** The deployed stack as the tests change it: its template, last update and outputs. */
interface StackState {
  template: string;
  lastUpdated: Date;
  outputs: Record<string, string>;
}

/** The break-glass account: the shared fake, and the names the tests read and change it by. */
export class FakeAws extends SharedFake {
  stack: StackState = {
    template: templateText(),
    lastUpdated: DEPLOYED_AT,
    outputs: { EvidenceBucketName: BUCKET },
  };

  /** The SSN vault's access policy text; undefined when it has none. */
  get vault(): string | undefined {
    return this.vaults.get(VAULT)?.policy;
  }
  set vault(policy: string | undefined) {
    const vault = this.vaults.get(VAULT);
    if (vault) vault.policy = policy;
  }
  /** The SSN key's policy text. */
  get key(): string {
    return this.keys.get(KEY_ID)?.policy ?? '';
  }
  set key(policy: string) {
    const key = this.keys.get(KEY_ID);
    if (key) key.policy = policy;
  }
  /** The evidence bucket: object key to text (the latest version). */
  get objects(): Map<string, string> {
    return this.bucket(BUCKET).objects;
  }
  get retention() {
    return this.bucket(BUCKET).retention;
  }

  override async describeStack(stackName: string) {
    this.enter('describeStack', stackName);
    if (stackName !== STACK_NAME) throw new Error(`no stack ${stackName} in the fake`);
    return {
      stackId: STACK_ID,
      status: 'UPDATE_COMPLETE',
      outputs: { ...this.stack.outputs },
      lastUpdated: this.stack.lastUpdated.toISOString(),
    };
  }
  override async stackTemplate(stackName: string) {
    this.enter('stackTemplate', stackName);
    return this.stack.template;
  }
}

let current: FakeAws | undefined;

/** The fake the last `fakeAws()` made: what `runtime()` and the command line talk to. */
export function currentAws(): FakeAws {
  if (!current) throw new Error('call fakeAws() first');
  return current;
}

/** A fresh account with the given SSN policies deployed (the baseline by default). */
export function fakeAws(deployed: { vault: string | undefined; key: string } = BASELINE_TEXT): FakeAws {
  const fake = new FakeAws(ACCOUNT);
  fake.caller = { account: ACCOUNT, arn: OPERATOR_ARN, userId: 'AROAEXAMPLE:jane' };
  fake.roles = new Set(['SsnRestore']);
  fake.vaults.set(VAULT, { arn: VAULT_ARN, encryptionKeyArn: KEY_ARN, policy: deployed.vault });
  fake.keys.set(KEY_ID, { keyId: KEY_ID, arn: KEY_ARN, policy: deployed.key });
  fake.aliases.set('alias/compactconnect-ssn-backup-key', KEY_ID);
  fake.bucket(BUCKET);
  fake.now = () => NOW;
  fake.objectLock = {
    mode: 'COMPLIANCE',
    retainUntil: new Date(NOW.getTime() + config.evidence.retentionDays * 86_400_000).toISOString(),
  };
  current = fake;
  return fake;
}

export interface TestRuntime extends Runtime {
  /** The audit log's records, parsed. */
  audit(): Record<string, unknown>[];
}

export function runtime(options: { now?: Date } = {}): TestRuntime {
  const auditLogPath = join(tempFolder('break-glass-'), 'audit.jsonl');
  return {
    config,
    region: config.backupRegion,
    get aws(): BreakGlassAws {
      return currentAws();
    },
    now: () => options.now ?? NOW,
    auditLogPath,
    sleep: async () => undefined,
    audit: () => {
      try {
        return readFileSync(auditLogPath, 'utf8')
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>);
      } catch {
        return [];
      }
    },
  };
}

/** Puts records into the fake bucket's trail as the tool writes them: numbered and chained. */
export function seedTrail(
  fake: FakeAws,
  records: readonly { event: TrailEvent; phase?: TrailEntry['phase']; record: Record<string, unknown> }[],
): string[] {
  const keys = [...fake.objects.keys()].filter((k) => k.startsWith(TRAIL_PREFIX)).sort();
  let previous: string | null = null;
  if (keys.length > 0) previous = entryHash(JSON.parse(fake.objects.get(keys.at(-1)!)!) as TrailEntry);
  return records.map(({ event, phase, record }) => {
    const entry: TrailEntry = {
      sequence: keys.length + 1,
      previous,
      time: String(record.time ?? isoSeconds(NOW)),
      event,
      phase: phase ?? 'after',
      record,
    };
    const key = trailKey(entry);
    fake.objects.set(key, entryText(entry));
    fake.retention.set(key, { mode: 'COMPLIANCE', retainUntil: '2036-01-01T00:00:00.000Z' });
    keys.push(key);
    previous = entryHash(entry);
    return key;
  });
}

/** The S3 object's text, parsed: a backup by its URI, or a trail record by its key. */
export function objectJson(fake: FakeAws, uriOrKey: string): Record<string, unknown> {
  const key = uriOrKey.replace(`s3://${BUCKET}/`, '');
  const text = fake.objects.get(key);
  if (text === undefined) throw new Error(`no object ${key}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** The trail's entries in the fake bucket, in order. */
export function trailEntries(fake: FakeAws): TrailEntry[] {
  return [...fake.objects.keys()]
    .filter((k) => k.startsWith(TRAIL_PREFIX))
    .sort()
    .map((k) => JSON.parse(fake.objects.get(k)!) as TrailEntry);
}
