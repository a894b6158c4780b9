import awsCron from 'aws-cron-parser';

/**
 * AWS Backup schedule expressions, as restore testing plans take them: `cron(minutes hours
 * day-of-month month day-of-week year)` in UTC (AWS Backup API reference, RestoreTestingPlanForCreate
 * `ScheduleExpression`; the field syntax is EventBridge's, "Cron expressions": exactly one of
 * day-of-month and day-of-week is `?`). The `aws-cron-parser` package computes when an expression
 * fires; it assumes a valid expression, so the syntax is checked here first.
 */

const FIELD = /^[-0-9A-Za-z*?,/#]+$/;
const FIELD_NAMES = ['minutes', 'hours', 'day-of-month', 'month', 'day-of-week', 'year'] as const;

/** Why `expression` is not a usable AWS Backup cron expression, or undefined when it is. */
export function scheduleProblem(expression: string): string | undefined {
  const match = /^cron\((.*)\)$/.exec(expression.trim());
  if (!match) return 'must be an AWS Backup schedule expression such as "cron(0 5 ? * SUN *)"';
  const fields = match[1].trim().split(/\s+/);
  if (fields.length !== 6)
    return `must have 6 fields inside cron(…) (${FIELD_NAMES.join(', ')}); it has ${fields.length}`;
  const bad = fields.findIndex((f) => !FIELD.test(f));
  if (bad >= 0) return `its ${FIELD_NAMES[bad]} field "${fields[bad]}" holds characters AWS does not accept`;
  if ((fields[2] === '?') === (fields[4] === '?'))
    return 'exactly one of day-of-month and day-of-week must be "?" (AWS cron rule)';
  if (runsOf(expression, new Date(Date.UTC(2030, 0, 1)), 2).length < 2)
    return 'never runs (or runs once): AWS Backup would never test';
  return undefined;
}

/** The next `count` runs of a valid expression after `from`, within about two years. */
export function runsOf(expression: string, from: Date, count: number): Date[] {
  const inner = /^cron\((.*)\)$/.exec(expression.trim())?.[1] ?? '';
  let parsed: ReturnType<typeof awsCron.parse>;
  try {
    parsed = awsCron.parse(inner);
  } catch {
    return [];
  }
  const runs: Date[] = [];
  const limit = from.getTime() + 800 * 24 * 3_600_000;
  let at = from;
  while (runs.length < count) {
    const next = awsCron.next(parsed, new Date(at.getTime() + 1000));
    if (!next || next.getTime() > limit) break;
    runs.push(next);
    at = next;
  }
  return runs;
}

/**
 * The longest time between two consecutive runs over the next 400 runs (a schedule such as "the first
 * Monday of each month" has uneven gaps), in whole hours, rounded up.
 */
export function longestGapHours(expression: string, from: Date): number {
  const runs = runsOf(expression, from, 400);
  let longest = 0;
  for (let i = 1; i < runs.length; i++)
    longest = Math.max(longest, runs[i].getTime() - runs[i - 1].getTime());
  return Math.ceil(longest / 3_600_000);
}
