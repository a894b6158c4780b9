import {
  checkDuration,
  checkPrincipal,
  checkReason,
  expiryAfter,
  parseDuration,
} from '../../lib/break-glass/input';
import { configWith } from '../support/config';
import { config } from './fixture';

test('durations are hours and/or minutes', () => {
  expect(parseDuration('2h')).toBe(7_200_000);
  expect(parseDuration('90m')).toBe(5_400_000);
  expect(parseDuration('1h30m')).toBe(5_400_000);
});

test.each(['', '2', '2d', '1.5h', '-1h', 'h', '0m', '30s'])('the duration %j is refused', (text) => {
  expect(() => parseDuration(text)).toThrow(expect.objectContaining({ reason: 'duration-invalid' }));
});

test('a duration above the maximum (12h unless raised) is refused, naming the maximum', () => {
  expect(checkDuration('12h', '12h')).toBe(43_200_000);
  expect(() => checkDuration('12h1m', '12h')).toThrow(/longer than the maximum of 12h/);
  expect(() => checkDuration('13h', '12h')).toThrow(expect.objectContaining({ reason: 'duration-invalid' }));
  expect(checkDuration('13h', '24h')).toBe(46_800_000);
});

test('the expiry is whole seconds, UTC, after the current second', () => {
  expect(expiryAfter(new Date('2030-03-01T10:00:00.900Z'), 7_200_000)).toBe('2030-03-01T12:00:00Z');
});

test('the reason is required, one line, and at most 200 bytes', () => {
  expect(checkReason('  INC-1 restore  ')).toBe('INC-1 restore');
  expect(() => checkReason(undefined)).toThrow(/--reason is required/);
  expect(() => checkReason('   ')).toThrow(/--reason is required/);
  expect(() => checkReason('line one\nline two')).toThrow(/one line/);
  expect(checkReason('x'.repeat(200))).toHaveLength(200);
  expect(() => checkReason('x'.repeat(201))).toThrow(/at most 200 bytes.*got 201/);
  expect(() => checkReason('é'.repeat(101))).toThrow(/got 202/);
});

test('a role of the backup account, with or without a path, is accepted', () => {
  expect(checkPrincipal('arn:aws:iam::000011114444:role/SsnRestore', config)).toBe(
    'arn:aws:iam::000011114444:role/SsnRestore',
  );
  expect(checkPrincipal('arn:aws:iam::000011114444:role/ops/restore/SsnRestore', config)).toBe(
    'arn:aws:iam::000011114444:role/ops/restore/SsnRestore',
  );
});

test.each([
  ['missing', undefined, /--principal is required/],
  [
    'another account',
    'arn:aws:iam::000011112222:role/SsnRestore',
    /role of the backup account 000011114444.*account 000011112222/,
  ],
  ['a user', 'arn:aws:iam::000011114444:user/jane', /must be an IAM role ARN/],
  ['the account root', 'arn:aws:iam::000011114444:root', /must be an IAM role ARN/],
  [
    'a session',
    'arn:aws:sts::000011114444:assumed-role/SsnRestore/jane',
    /assumed-role session.*role\/SsnRestore/,
  ],
  ['a wildcard', 'arn:aws:iam::000011114444:role/Ssn*', /without wildcards/],
  ['a single-character wildcard', 'arn:aws:iam::000011114444:role/SsnRestor?', /without wildcards/],
  [
    'a service-linked role',
    'arn:aws:iam::000011114444:role/aws-service-role/backup.amazonaws.com/AWSServiceRoleForBackup',
    /service-linked/,
  ],
  [
    'another partition',
    'arn:aws-cn:iam::000011114444:role/SsnRestore',
    /must be an IAM role ARN such as arn:aws:iam::000011114444:role\//,
  ],
  ['an empty role name', 'arn:aws:iam::000011114444:role/', /not a valid role ARN/],
  ['a name too long', `arn:aws:iam::000011114444:role/${'r'.repeat(65)}`, /not a valid role ARN/],
])('a principal that is %s is refused', (_what, arn, message) => {
  expect(() => checkPrincipal(arn, config)).toThrow(message);
});

test('the partition of the principal follows the backup region', () => {
  const gov = configWith({ backup_region: 'us-gov-west-1', source_regions: ['us-gov-east-1'] });
  expect(checkPrincipal('arn:aws-us-gov:iam::000011114444:role/SsnRestore', gov)).toMatch(/^arn:aws-us-gov:/);
  expect(() => checkPrincipal('arn:aws:iam::000011114444:role/SsnRestore', gov)).toThrow(
    expect.objectContaining({ reason: 'principal-invalid' }),
  );
});
