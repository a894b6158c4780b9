import { createHash } from 'node:crypto';
import { STACK_NAME, STACK_OUTPUTS } from '../stack-facts';
import { describeFailure, DomainError, type DomainReason } from '../domain-error';
import { stableStringify } from '../policies/policy-json';
import type { DeployedStack, EvidenceAws } from '../aws';
import type { Runtime } from './runtime';
import { isoSeconds } from './state';

/**
 * The break-glass record in the account: one object per record in the evidence bucket, where Object
 * Lock (compliance mode) keeps it for the configured retention. Each record carries the SHA-256 of
 * the previous record's canonical text, so that a missing or altered record breaks the chain. The
 * tool writes a record before the change it records; if that write fails, nothing changes.
 */

export const TRAIL_PREFIX = 'break-glass/trail/';
export const BACKUP_PREFIX = 'break-glass/backups/';
/** The stack output that names the evidence bucket. */
export const EVIDENCE_BUCKET_OUTPUT = STACK_OUTPUTS.evidenceBucketName;

export type TrailEvent =
  | 'open'
  | 'close'
  | 'expiry'
  | 'refused'
  | 'accept-restored'
  | 'cleanup'
  | 'stack-update';

export interface TrailEntry {
  /** 1, 2, 3…: a gap is a missing record. */
  readonly sequence: number;
  /** SHA-256 of the previous record's canonical text; null for the first. */
  readonly previous: string | null;
  readonly time: string;
  readonly event: TrailEvent;
  /** `before` is written ahead of a change, `after` once its outcome is known. */
  readonly phase: 'before' | 'after' | 'note';
  readonly record: Readonly<Record<string, unknown>>;
}

export interface StoredEntry {
  readonly key: string;
  readonly entry: TrailEntry;
  /** SHA-256 of the entry's canonical text: what the next entry's `previous` must be. */
  readonly hash: string;
}

/** The entry's canonical text: JSON with keys sorted at every level, as stored. */
export function entryText(entry: TrailEntry): string {
  return stableStringify(entry) as string;
}

export function entryHash(entry: TrailEntry): string {
  return createHash('sha256').update(entryText(entry), 'utf8').digest('hex');
}

const SEQUENCE_DIGITS = 8;

/** `break-glass/trail/00000001-2030-03-01T10-00-00Z-open.json`: key order is sequence order. */
export function trailKey(entry: Pick<TrailEntry, 'sequence' | 'time' | 'event'>): string {
  const sequence = String(entry.sequence).padStart(SEQUENCE_DIGITS, '0');
  return `${TRAIL_PREFIX}${sequence}-${entry.time.replace(/:/g, '-')}-${entry.event}.json`;
}

function keySequence(key: string): number | undefined {
  const match = /^(\d{8})-/.exec(key.slice(TRAIL_PREFIX.length));
  return match ? Number(match[1]) : undefined;
}

/** Reads and checks the chain: every sequence present once, in order, each linked to the one before. */
export function verifyChain(objects: readonly { key: string; text: string }[]): {
  entries: StoredEntry[];
  problems: string[];
} {
  const problems: string[] = [];
  const entries: StoredEntry[] = [];
  let expected = 1;
  let previousHash: string | null = null;
  for (const { key, text } of objects) {
    let entry: TrailEntry;
    try {
      entry = JSON.parse(text) as TrailEntry;
    } catch {
      problems.push(`${key}: not JSON`);
      previousHash = null;
      continue;
    }
    const hash = entryHash(entry);
    if (entryText(entry) !== text) problems.push(`${key}: not the canonical text the tool writes (altered?)`);
    if (keySequence(key) !== entry.sequence)
      problems.push(`${key}: its name says record ${keySequence(key)}, its content ${entry.sequence}`);
    if (entry.sequence > expected)
      problems.push(
        `record${entry.sequence - expected > 1 ? 's' : ''} ${expected}${entry.sequence - expected > 1 ? `-${entry.sequence - 1}` : ''} missing before ${key}`,
      );
    else if (entry.sequence < expected) problems.push(`${key}: record ${entry.sequence} appears twice`);
    else if (entries.length > 0 && entry.previous !== previousHash)
      problems.push(
        `${key}: the chain is broken: it names ${entry.previous ?? 'no'} previous record, but record ${entry.sequence - 1} hashes to ${previousHash ?? '?'} (altered?)`,
      );
    else if (entries.length === 0 && entry.sequence === 1 && entry.previous !== null)
      problems.push(`${key}: the first record names a previous one`);
    entries.push({ key, entry, hash });
    previousHash = hash;
    expected = Math.max(expected, entry.sequence + 1);
  }
  return { entries, problems };
}

/** The reasons for a record that could not be written: nothing was changed. */
const RECORD_WRITE: readonly DomainReason[] = ['record-taken', 'record-unwritable', 'no-backup-name'];

/** Whether `error` is a record that could not be written (nothing was changed). */
export function isRecordWriteError(error: unknown): error is DomainError {
  return error instanceof DomainError && RECORD_WRITE.includes(error.reason);
}

/** The record in the account: the deployed stack, the bucket, and the trail read from it. */
export class AccountRecord {
  private constructor(
    private readonly rt: Runtime,
    readonly stack: DeployedStack,
    readonly bucket: string,
    readonly entries: StoredEntry[],
    readonly problems: readonly string[],
  ) {}

  /** Reads the stack (for the bucket's name) and the whole trail. */
  static async read(rt: Runtime): Promise<AccountRecord> {
    const stack = await rt.aws.describeStack(STACK_NAME);
    const bucket = stack.outputs[EVIDENCE_BUCKET_OUTPUT];
    if (!bucket)
      throw new DomainError(
        'stack-output-missing',
        `The deployed stack ${STACK_NAME} has no ${EVIDENCE_BUCKET_OUTPUT} output: deploy the current version of this project first (the break-glass record lives in its evidence bucket).`,
      );
    const { entries, problems } = await readTrail(rt.aws, bucket);
    return new AccountRecord(rt, stack, bucket, entries, problems);
  }

  get last(): StoredEntry | undefined {
    return this.entries.at(-1);
  }

  uri(key: string): string {
    return `s3://${this.bucket}/${key}`;
  }

  /**
   * Writes the next record into the bucket and returns it; throws a record write error when the write
   * fails (the caller then changes nothing).
   */
  async append(
    event: TrailEvent,
    phase: TrailEntry['phase'],
    record: Readonly<Record<string, unknown>>,
  ): Promise<StoredEntry> {
    const last = this.last;
    const entry: TrailEntry = {
      sequence: (last?.entry.sequence ?? 0) + 1,
      previous: last?.hash ?? null,
      time: isoSeconds(this.rt.now()),
      event,
      phase,
      record,
    };
    const key = trailKey(entry);
    await this.put(key, entryText(entry), 'the break-glass record');
    const stored = { key, entry, hash: entryHash(entry) };
    this.entries.push(stored);
    return stored;
  }

  /** Saves a policy backup as its own object (never over another); returns its S3 URI. */
  async saveBackup(name: string, body: string): Promise<string> {
    for (let n = 0; n < 10; n++) {
      const key = `${BACKUP_PREFIX}${name}${n === 0 ? '' : `-${n}`}.json`;
      try {
        await this.rt.aws.putNewObject(this.bucket, key, body);
        return this.uri(key);
      } catch (error) {
        if (!isTaken(error)) throw this.writeError(key, 'the policy backup', error);
      }
    }
    throw new DomainError('no-backup-name', `Nothing changed: no free name for the policy backup ${name}`);
  }

  private async put(key: string, body: string, what: string): Promise<void> {
    try {
      await this.rt.aws.putNewObject(this.bucket, key, body);
    } catch (error) {
      throw this.writeError(key, what, error);
    }
  }

  private writeError(key: string, what: string, error: unknown): DomainError {
    if (isTaken(error))
      return new DomainError(
        'record-taken',
        `Nothing changed: ${this.uri(key)} already exists: another operator wrote ${what} at the same moment. Run status, then the command again.`,
      );
    const { message, cause } = describeFailure(error);
    return new DomainError(
      'record-unwritable',
      `Nothing changed: ${what} could not be written to ${this.uri(key)}, and the tool changes nothing it cannot record first. ${message}`,
      cause.aws,
    );
  }
}

/** S3 answers a conditional write onto an existing key with 412 PreconditionFailed. */
function isTaken(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'PreconditionFailed' || e.$metadata?.httpStatusCode === 412;
}

/** Every trail object, in key order, with the chain checked. */
export async function readTrail(
  aws: Pick<EvidenceAws, 'listKeys' | 'getObjectText'>,
  bucket: string,
): Promise<{ entries: StoredEntry[]; problems: string[] }> {
  const keys = (await aws.listKeys(bucket, TRAIL_PREFIX)).filter((k) => k.endsWith('.json'));
  const objects = [];
  for (const key of keys) objects.push({ key, text: await aws.getObjectText(bucket, key) });
  return verifyChain(objects);
}

/** The records of the trail, as the audit log holds them (`after` and `note` phases). */
export function auditRecords(entries: readonly StoredEntry[]): Record<string, unknown>[] {
  return entries.filter((e) => e.entry.phase !== 'before').map((e) => ({ ...e.entry.record }));
}
