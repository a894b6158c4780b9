import { ConfigError, validateConfig } from '../../lib/config';
import { configWith, exampleContext } from '../support/config';

function problems(raw: Record<string, unknown>, commandLine: string[] = []): string[] {
  try {
    validateConfig({ ...exampleContext(), ...raw }, 'test', { commandLine: new Set(commandLine) });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.key}: ${p.message}`);
    throw error;
  }
  return [];
}

test('defaults: six years of evidence, no audit framework, a one-hour restore target', () => {
  expect(configWith()).toMatchObject({
    evidence: { retentionDays: 2190, auditFramework: false },
    restoreTimeTargetMinutes: 60,
  });
});

test('each evidence key is validated with the key, the value and the rule', () => {
  expect(problems({ evidence_retention_days: 0 })).toEqual([
    'evidence_retention_days: must be at least 1 day, got 0',
  ]);
  expect(problems({ evidence_retention_days: 36501 })).toEqual([
    'evidence_retention_days: must be at most 36500 days, got 36501',
  ]);
  expect(problems({ audit_framework: 'true' })).toEqual([
    'audit_framework: must be true or false, got the string "true": write it without quotes, true',
  ]);
  expect(problems({ audit_framework: 1 })).toEqual([
    'audit_framework: must be true or false, got the number 1',
  ]);
  expect(problems({ restore_time_target_minutes: 0 })).toEqual([
    'restore_time_target_minutes: must be at least 1 minute, got 0',
  ]);
});

test('on the command line, true and false are booleans; anything else is refused', () => {
  const on = validateConfig({ ...exampleContext(), audit_framework: 'true' }, 'test', {
    commandLine: new Set(['audit_framework']),
  });
  expect(on.evidence.auditFramework).toBe(true);
  expect(problems({ audit_framework: 'yes' }, ['audit_framework'])).toEqual([
    'audit_framework: must be true or false, got the string "yes"',
  ]);
});
