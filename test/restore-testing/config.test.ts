import { ConfigError } from '../../lib/config';
import { longestGapHours } from '../../lib/config/schedule';
import { configWith } from '../support/config';

/** The problems that validating the example with these raw overrides reports, as "key: message". */
function problemsWith(overrides: Record<string, unknown>): string[] {
  try {
    configWith(overrides);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.key}: ${p.message}`);
    throw error;
  }
}

const WEEKLY = 'cron(0 5 ? * SUN *)';

test('without a schedule, restore testing is off', () => {
  expect(configWith().restoreTesting).toBeUndefined();
});

test('a schedule turns it on, with a 7-day selection window and a 4-hour validation window by default', () => {
  expect(configWith({ restore_testing_schedule: WEEKLY }).restoreTesting).toEqual({
    schedule: WEEKLY,
    selectionWindowDays: 7,
    validationWindowHours: 4,
  });
  expect(
    configWith({
      restore_testing_schedule: 'cron(30 2 1 * ? *)',
      restore_testing_selection_days: 14,
      restore_testing_validation_hours: 168,
    }).restoreTesting,
  ).toEqual({ schedule: 'cron(30 2 1 * ? *)', selectionWindowDays: 14, validationWindowHours: 168 });
});

test.each([
  [
    'rate(7 days)',
    'must be an AWS Backup schedule expression such as "cron(0 5 ? * SUN *)", got "rate(7 days)"',
  ],
  [
    'cron(0 5 ? * SUN)',
    'must have 6 fields inside cron(…) (minutes, hours, day-of-month, month, day-of-week, year); it has 5, got "cron(0 5 ? * SUN)"',
  ],
  [
    'cron(0 5 * * SUN *)',
    'exactly one of day-of-month and day-of-week must be "?" (AWS cron rule), got "cron(0 5 * * SUN *)"',
  ],
  [
    'cron(0 5 ? * S%N *)',
    'its day-of-week field "S%N" holds characters AWS does not accept, got "cron(0 5 ? * S%N *)"',
  ],
  [
    'cron(0 5 ? * SUN 2020)',
    'never runs (or runs once): AWS Backup would never test, got "cron(0 5 ? * SUN 2020)"',
  ],
])('a malformed schedule %s is a configuration error naming the key', (schedule, message) => {
  expect(problemsWith({ restore_testing_schedule: schedule })).toEqual([
    `restore_testing_schedule: ${message}`,
  ]);
});

test('a schedule that is not a string is named with what was received', () => {
  expect(problemsWith({ restore_testing_schedule: 7 })).toEqual([
    'restore_testing_schedule: must be an AWS Backup schedule expression such as "cron(0 5 ? * SUN *)", got the number 7',
  ]);
});

test.each([
  ['restore_testing_selection_days', 0, 'must be at least 1 day, got 0'],
  ['restore_testing_selection_days', 366, 'must be at most 365 days, got 366'],
  ['restore_testing_validation_hours', 0, 'must be at least 1 hour, got 0'],
  ['restore_testing_validation_hours', 169, 'must be at most 168 hours, got 169'],
])('%s = %p is outside what AWS Backup accepts', (key, value, message) => {
  expect(problemsWith({ restore_testing_schedule: WEEKLY, [key]: value })).toEqual([`${key}: ${message}`]);
});

test('the windows without a schedule are a mistake: restore testing would silently stay off', () => {
  expect(problemsWith({ restore_testing_selection_days: 3, restore_testing_validation_hours: 2 })).toEqual([
    'restore_testing_selection_days: applies only when restore_testing_schedule is set (restore testing is off without it); remove it, or set the schedule',
    'restore_testing_validation_hours: applies only when restore_testing_schedule is set (restore testing is off without it); remove it, or set the schedule',
  ]);
});

test('the schedule period is the longest gap between runs', () => {
  const from = new Date(Date.UTC(2026, 0, 1));
  expect(longestGapHours(WEEKLY, from)).toBe(168);
  expect(longestGapHours('cron(0 5 * * ? *)', from)).toBe(24);
  expect(longestGapHours('cron(0 5 ? * MON-FRI *)', from)).toBe(72);
  // The first of each month: the longest gap is 31 days.
  expect(longestGapHours('cron(0 5 1 * ? *)', from)).toBe(744);
});
