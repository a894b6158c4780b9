import type { DrillRun, StepOutcome } from '../context';
import { drillItems, itemsDigest, PARTITION_KEY } from '../data';

/** The tag that marks everything a drill makes, with the drill's ID as its value. */
export const DRILL_TAG = 'compactconnect:backup-drill';
const TABLE_TIMEOUT_MINUTES = 10;

export function sourceTableName(drillId: string): string {
  return `compactconnect-backup-drill-${drillId}`;
}

/** A small synthetic table in the source account: generated items, no real data. */
export async function createSourceTable(run: DrillRun): Promise<StepOutcome> {
  const { aws } = run.deps;
  const name = sourceTableName(run.id);
  run.remember({ sourceTableName: name });
  const { created } = await aws.source.createTable(name, PARTITION_KEY, { [DRILL_TAG]: run.id });
  await run.waitFor(
    'source-table',
    `table ${name}`,
    async () => {
      const t = await aws.source.describeTable(name);
      return { state: t?.status === 'ACTIVE' ? 'COMPLETED' : (t?.status ?? 'CREATING') };
    },
    TABLE_TIMEOUT_MINUTES,
  );
  const arn = (await aws.source.describeTable(name))?.arn ?? '';
  const items = drillItems(run.id, run.record.settings.itemCount);
  await aws.source.putItems(name, items, run.deps.sleep);
  const written = { count: items.length, digest: itemsDigest(items) };
  run.remember({ sourceTableArn: arn, written });
  return {
    status: 'passed',
    summary: `${created ? 'created' : 'found (resumed)'} ${name} and wrote ${items.length} generated items`,
    evidence: { tableArn: arn, ...written },
  };
}
