// The tests' offline EventBridge pattern matcher, tried on the behaviours the Amazon EventBridge User
// Guide documents for each operator the stack's rules use (sections "Event patterns", "Comparison
// operators for use in event patterns", "Arrays in event patterns", "Matching null values and empty
// strings"); events and values are examples of our own in the documented shapes.
import { asDeployed, matchesEventPattern as matches } from '../support/event-pattern';

const instanceEvent = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '000011114444',
  time: '2026-11-02T18:43:48Z',
  region: 'us-west-2',
  resources: ['arn:aws:ec2:us-west-2:000011114444:instance/i-0123456789abcdef0'],
  detail: { 'instance-id': 'i-0123456789abcdef0', state: 'running', 'c-count': 5, note: null, tag: '' },
};

test('every field of the pattern must match, any listed value matches, unnamed fields are ignored', () => {
  expect(matches({ source: ['aws.ec2'], detail: { state: ['pending', 'running'] } }, instanceEvent)).toBe(
    true,
  );
  expect(matches({ source: ['aws.ec2'], detail: { state: ['stopped'] } }, instanceEvent)).toBe(false);
  expect(matches({ source: ['aws.s3'], detail: { state: ['running'] } }, instanceEvent)).toBe(false);
  expect(matches({ 'detail-type': ['EC2 Instance State-change Notification'] }, instanceEvent)).toBe(true);
});

test('matching is exact and case-sensitive; a field absent from the event does not match a value', () => {
  expect(matches({ detail: { state: ['Running'] } }, instanceEvent)).toBe(false);
  expect(matches({ detail: { state: ['runn'] } }, instanceEvent)).toBe(false);
  expect(matches({ detail: { missing: ['running'] } }, instanceEvent)).toBe(false);
  expect(matches({ detail: { 'c-count': [5] } }, instanceEvent)).toBe(true);
  expect(matches({ detail: { 'c-count': ['5'] } }, instanceEvent)).toBe(false);
});

test('an array in the event matches when any of its elements matches, objects in arrays included', () => {
  const event = {
    resources: [
      'arn:aws:ec2:us-west-2:000011114444:instance/i-1',
      'arn:aws:ec2:us-west-2:000011114444:instance/i-2',
    ],
    detail: { items: [{ name: 'a', size: 1 }, { name: 'b' }] },
  };
  expect(matches({ resources: ['arn:aws:ec2:us-west-2:000011114444:instance/i-2', 'x'] }, event)).toBe(true);
  expect(matches({ resources: ['arn:aws:ec2:us-west-2:000011114444:instance/i-3'] }, event)).toBe(false);
  expect(matches({ detail: { items: { name: ['b'] } } }, event)).toBe(true);
  expect(matches({ detail: { items: { name: ['c'] } } }, event)).toBe(false);
  expect(matches({ detail: { items: { size: [{ exists: true }] } } }, event)).toBe(true);
});

test('prefix matches the beginning of a string value', () => {
  expect(matches({ time: [{ prefix: '2026-11-02' }] }, instanceEvent)).toBe(true);
  expect(matches({ time: [{ prefix: '2026-11-03' }] }, instanceEvent)).toBe(false);
  expect(matches({ detail: { 'c-count': [{ prefix: '5' }] } }, instanceEvent)).toBe(false);
});

test('anything-but matches any other value, of one or a list, and never an absent field', () => {
  expect(matches({ detail: { state: [{ 'anything-but': 'initializing' }] } }, instanceEvent)).toBe(true);
  expect(matches({ detail: { state: [{ 'anything-but': 'running' }] } }, instanceEvent)).toBe(false);
  expect(matches({ detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, instanceEvent)).toBe(
    true,
  );
  expect(matches({ detail: { state: [{ 'anything-but': ['stopped', 'running'] }] } }, instanceEvent)).toBe(
    false,
  );
  expect(matches({ detail: { missing: [{ 'anything-but': 'x' }] } }, instanceEvent)).toBe(false);
});

test('exists works on leaf values: true when present, false when absent; an object is not a leaf', () => {
  expect(matches({ detail: { 'c-count': [{ exists: true }] } }, instanceEvent)).toBe(true);
  expect(matches({ detail: { 'c-count': [{ exists: false }] } }, instanceEvent)).toBe(false);
  expect(matches({ detail: { missing: [{ exists: false }] } }, instanceEvent)).toBe(true);
  expect(matches({ detail: { missing: [{ exists: true }] } }, instanceEvent)).toBe(false);
  expect(matches({ other: { missing: [{ exists: false }] } }, instanceEvent)).toBe(true);
  expect(matches({ detail: [{ exists: true }] }, instanceEvent)).toBe(false);
});

test('null and the empty string are values matched by themselves', () => {
  expect(matches({ detail: { note: [null] } }, instanceEvent)).toBe(true);
  expect(matches({ detail: { tag: [''] } }, instanceEvent)).toBe(true);
  expect(matches({ detail: { tag: [null] } }, instanceEvent)).toBe(false);
  expect(matches({ detail: { state: [''] } }, instanceEvent)).toBe(false);
});

test('$or needs one of its patterns to match, besides the other fields of its object', () => {
  const either = (state: string) => ({
    source: ['aws.ec2'],
    detail: { $or: [{ 'c-count': [9] }, { state: [state] }] },
  });
  expect(matches(either('running'), instanceEvent)).toBe(true);
  expect(matches(either('stopped'), instanceEvent)).toBe(false);
  expect(matches({ ...either('running'), source: ['aws.s3'] }, instanceEvent)).toBe(false);
  expect(matches({ detail: { $or: [{ 'c-count': [5] }, { missing: ['x'] }] } }, instanceEvent)).toBe(true);
});

test('an operator the rules do not use is refused, not guessed', () => {
  expect(() => matches({ detail: { 'c-count': [{ numeric: ['>', 0] }] } }, instanceEvent)).toThrow(
    /unsupported operator numeric/,
  );
  expect(() => matches({ detail: { state: [{ suffix: 'ing' }] } }, instanceEvent)).toThrow(/unsupported/);
  expect(() => matches({ detail: { state: 'running' } }, instanceEvent)).toThrow(/must hold a list/);
});

test('asDeployed writes detailType as detail-type and leaves out unset fields', () => {
  expect(asDeployed({ source: ['aws.kms'], detailType: ['X'], account: undefined })).toEqual({
    source: ['aws.kms'],
    'detail-type': ['X'],
  });
});
