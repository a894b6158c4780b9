import { describeFailure } from '../domain-error';
import { type DrillDeps, DrillRun, StepError } from './context';
import {
  type DrillRecord,
  type DrillSettings,
  newDrillId,
  stepsOf,
  type StepId,
  type StepRecord,
} from './record';
import { STEP_WORK } from './steps';
import { stepTitle } from './plan';

/** A new drill's record, saved before anything is made. */
export function startRecord(
  deps: DrillDeps,
  settings: DrillSettings,
  id = newDrillId(deps.now()),
): DrillRecord {
  const record: DrillRecord = {
    format: 'compactconnect-backup-drill/1',
    id,
    createdAt: deps.now().toISOString(),
    settings,
    resources: {},
    steps: {},
  };
  deps.store.save(record);
  return record;
}

/** Whether a step has ended for good (anything but `error`, which --resume retries). */
function finished(record: DrillRecord, step: StepId): boolean {
  const s = record.steps[step];
  return s !== undefined && s.status !== 'error';
}

async function runStep(run: DrillRun, step: StepId): Promise<StepRecord> {
  const { deps } = run;
  const startedAt = deps.now().toISOString();
  deps.progress({ type: 'step-started', step, title: stepTitle(step) });
  let result: StepRecord;
  try {
    const outcome = await STEP_WORK[step](run);
    result = { ...outcome, startedAt, endedAt: deps.now().toISOString() };
  } catch (error) {
    const summary = error instanceof StepError ? error.message : describeFailure(error).message;
    const evidence = error instanceof StepError ? error.evidence : undefined;
    result = { status: 'error', summary, evidence, startedAt, endedAt: deps.now().toISOString() };
  }
  run.update((r) => ({ ...r, steps: { ...r.steps, [step]: result } }));
  deps.progress({ type: 'step-ended', step, status: result.status, summary: result.summary });
  return result;
}

/**
 * Runs the steps not yet finished, in order; stops at the first that cannot finish (`error`),
 * keeping the record for `--resume` or `--cleanup`. A step that missed a target (`failed`) does not
 * stop the drill: it still verifies and cleans up, and the drill fails at the end.
 */
export async function runDrill(deps: DrillDeps, record: DrillRecord): Promise<DrillRecord> {
  const run = new DrillRun(deps, record);
  for (const step of stepsOf(run.record.settings)) {
    if (finished(run.record, step)) continue;
    const result = await runStep(run, step);
    if (result.status === 'error') break;
  }
  return run.record;
}

/** Removes what an interrupted or failed drill made (`--cleanup <id>`), retrying what failed before. */
export async function cleanUpDrill(deps: DrillDeps, record: DrillRecord): Promise<DrillRecord> {
  const run = new DrillRun(deps, record);
  await runStep(run, 'cleanup');
  return run.record;
}

/** The drill's verdict: passed only when every step ran and none failed. */
export type DrillVerdict = 'passed' | 'failed' | 'incomplete';

export function drillVerdict(record: DrillRecord): DrillVerdict {
  const steps = stepsOf(record.settings).map((s) => record.steps[s]);
  if (steps.some((s) => s?.status === 'failed')) return 'failed';
  if (steps.some((s) => s === undefined || s.status === 'error')) return 'incomplete';
  return 'passed';
}
