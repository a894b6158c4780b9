import type { BackupAccountConfig } from '../config/types';
import type { DrillAws, JobState } from './aws';
import type { DrillSeal } from './seal';
import type { DrillRecord, DrillResources, JobKey, RecordStore, StepId, StepStatus } from './record';

/** What the drill reports while it runs; the command line prints it, tests collect it. */
export type DrillEvent =
  | { readonly type: 'step-started'; readonly step: StepId; readonly title: string }
  | {
      readonly type: 'waiting';
      readonly step: StepId;
      readonly what: string;
      readonly state: string;
      readonly elapsedSeconds: number;
    }
  | {
      readonly type: 'step-ended';
      readonly step: StepId;
      readonly status: StepStatus;
      readonly summary: string;
    };

/** Everything a drill takes from outside, injected so that tests control all of it. */
export interface DrillDeps {
  readonly aws: DrillAws;
  readonly config: BackupAccountConfig;
  readonly store: RecordStore;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly progress: (event: DrillEvent) => void;
  /** How often a job's state is read while waiting. @default 30 seconds */
  readonly pollSeconds?: number;
  /** With `--break-glass`: the seal, through the break-glass tool's own commands. */
  readonly seal?: DrillSeal;
  /** With `--break-glass`: the backup account's calls made as the opened role (sts:AssumeRole). */
  readonly asRole?: (roleArn: string) => Promise<DrillAws>;
}

/** A step could not finish: the drill stops and keeps its record (`--resume`, `--cleanup`). */
export class StepError extends Error {
  constructor(
    message: string,
    readonly evidence?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'StepError';
  }
}

/** What a step returns when it has done its work. */
export interface StepOutcome {
  readonly status: Exclude<StepStatus, 'error'>;
  readonly summary: string;
  readonly evidence?: Readonly<Record<string, unknown>>;
}

const DEFAULT_POLL_SECONDS = 30;
const ENDED_BADLY = new Set(['FAILED', 'ABORTED', 'EXPIRED', 'PARTIAL']);

/** The running drill: its record, saved whole after every change. */
export class DrillRun {
  constructor(
    readonly deps: DrillDeps,
    private current: DrillRecord,
  ) {}

  get record(): DrillRecord {
    return this.current;
  }

  get id(): string {
    return this.current.id;
  }

  /** Records a change and saves it before anything else happens. */
  update(change: (record: DrillRecord) => DrillRecord): void {
    this.current = change(this.current);
    this.deps.store.save(this.current);
  }

  /** Remembers resources the drill is about to make or has started. */
  remember(resources: Partial<DrillResources>): void {
    this.update((r) => ({ ...r, resources: { ...r.resources, ...resources } }));
  }

  /**
   * The job recorded under `key`, or a new one when none is recorded or the recorded one ended
   * badly (a resumed drill retries it). Each attempt has its own idempotency token, so a drill
   * interrupted between starting a job and recording it gets the same job back from AWS.
   */
  async job(
    key: JobKey,
    start: (idempotencyToken: string) => Promise<string>,
    read: (jobId: string) => Promise<JobState>,
  ): Promise<string> {
    const recorded = this.current.resources.jobs?.[key];
    if (recorded && !ENDED_BADLY.has((await read(recorded.id)).state)) return recorded.id;
    const attempt = (recorded?.attempt ?? 0) + 1;
    const id = await start(`${this.id}-${key}-${attempt}`);
    this.remember({ jobs: { ...this.current.resources.jobs, [key]: { id, attempt } } });
    return id;
  }

  /** The deployed destinations, which the prerequisites step has read. */
  destinations(): NonNullable<DrillRecord['destinations']> {
    const found = this.current.destinations;
    if (!found) throw new StepError('the prerequisites step has not read the stack outputs');
    return found;
  }

  /**
   * Reads `read` until it reports COMPLETED, printing progress; a job that ends badly, or that is
   * still running after `timeoutMinutes`, stops the step (the job may still finish: --resume).
   */
  async waitFor(
    step: StepId,
    what: string,
    read: () => Promise<JobState>,
    timeoutMinutes: number,
  ): Promise<JobState> {
    const started = this.deps.now().getTime();
    const poll = (this.deps.pollSeconds ?? DEFAULT_POLL_SECONDS) * 1000;
    for (;;) {
      const job = await read();
      const elapsedSeconds = Math.round((this.deps.now().getTime() - started) / 1000);
      this.deps.progress({ type: 'waiting', step, what, state: job.state, elapsedSeconds });
      if (job.state === 'COMPLETED') return job;
      if (ENDED_BADLY.has(job.state))
        throw new StepError(`${what} ended ${job.state}${job.message ? `: ${job.message}` : ''}`, {
          state: job.state,
          message: job.message,
        });
      if (elapsedSeconds >= timeoutMinutes * 60)
        throw new StepError(
          `${what} is still ${job.state} after ${timeoutMinutes} minutes; it may still finish: run drill --resume ${this.id} later`,
          { state: job.state },
        );
      await this.deps.sleep(poll);
    }
  }
}
