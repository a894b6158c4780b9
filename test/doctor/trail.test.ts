import { logsManagementEvent } from '../../lib/doctor/checks/event-selectors';
import { checkTrail } from '../../lib/doctor/checks/trail';
import { aws, context, healthyWorld, install, serviceError, TRAIL_ARN, worded } from './fixture';

const KMS_WRITE = { eventSource: 'kms.amazonaws.com', readOnly: false };
const BACKUP_WRITE = { eventSource: 'backup.amazonaws.com', readOnly: false };
/** The check's result, with the words the report prints for it. */
const run = async () => worded(await checkTrail(aws(), context()));

describe('basic event selectors', () => {
  test.each([
    [{ readWriteType: 'All' }, true],
    [{}, true],
    [{ readWriteType: 'WriteOnly', includeManagementEvents: true }, true],
    [{ readWriteType: 'ReadOnly' }, false],
    [{ readWriteType: 'All', includeManagementEvents: false }, false],
    [{ readWriteType: 'All', excludeManagementEventSources: ['kms.amazonaws.com'] }, false],
    [{ readWriteType: 'All', excludeManagementEventSources: ['rdsdata.amazonaws.com'] }, true],
  ])('%j logs KMS write events: %s', (selector, logged) => {
    expect(logsManagementEvent({ basic: [selector] }, KMS_WRITE)).toBe(logged);
  });

  test('an event is logged when any selector logs it', () => {
    const basic = [{ readWriteType: 'ReadOnly' }, { readWriteType: 'WriteOnly' }];
    expect(logsManagementEvent({ basic }, KMS_WRITE)).toBe(true);
  });
});

describe('advanced event selectors', () => {
  const management = { field: 'eventCategory', equals: ['Management'] };
  test.each([
    ['all management events', [management], true],
    ['write-only', [management, { field: 'readOnly', equals: ['false'] }], true],
    ['read-only', [management, { field: 'readOnly', equals: ['true'] }], false],
    ['KMS excluded', [management, { field: 'eventSource', notEquals: ['kms.amazonaws.com'] }], false],
    ['RDS Data excluded', [management, { field: 'eventSource', notEquals: ['rdsdata.amazonaws.com'] }], true],
    [
      'data events only',
      [
        { field: 'eventCategory', equals: ['Data'] },
        { field: 'resources.type', equals: ['AWS::S3::Object'] },
      ],
      false,
    ],
    ['sources starting with kms', [management, { field: 'eventSource', startsWith: ['kms.'] }], true],
  ])('%s: KMS write events logged = %s', (_name, fieldSelectors, logged) => {
    expect(logsManagementEvent({ advanced: [{ fieldSelectors }] }, KMS_WRITE)).toBe(logged);
  });

  test('a selector that excludes KMS still logs AWS Backup events', () => {
    const advanced = [
      { fieldSelectors: [management, { field: 'eventSource', notEquals: ['kms.amazonaws.com'] }] },
    ];
    expect(logsManagementEvent({ advanced }, BACKUP_WRITE)).toBe(true);
    expect(logsManagementEvent({ advanced }, KMS_WRITE)).toBe(false);
  });
});

test('PASS: a multi-Region trail, logging, with all management events', async () => {
  // GIVEN
  install(healthyWorld());
  // WHEN
  const result = await run();
  // THEN
  expect(result).toMatchObject({
    id: 'cloudtrail',
    status: 'PASS',
    summary: 'management-events logs write management events, KMS included: the alerts can fire',
    details: [
      `${TRAIL_ARN} (account, multi-Region): logging, logs write management events of AWS Backup and KMS`,
    ],
  });
  expect(result.finding).toMatchObject({ kind: 'trails', verified: [{ arn: TRAIL_ARN, logging: true }] });
  expect(aws().callsOf('trailLogging')).toEqual([[TRAIL_ARN]]);
  expect(aws().callsOf('trailSelectors')).toEqual([[TRAIL_ARN]]);
});

test('FAIL: the only trail excludes KMS events (advanced selectors)', async () => {
  const world = healthyWorld();
  world.selectors.set(TRAIL_ARN, {
    basic: [],
    advanced: [
      {
        fieldSelectors: [
          { field: 'eventCategory', equals: ['Management'] },
          { field: 'eventSource', notEquals: ['kms.amazonaws.com'] },
        ],
      },
    ],
  });
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(result.finding).toMatchObject({
    kind: 'trails',
    trails: [{ logsWrites: { 'backup.amazonaws.com': true, 'kms.amazonaws.com': false } }],
    verified: [],
  });
  expect(result.summary).toBe(
    'no trail logs write management events of AWS Backup and KMS here: the CloudTrail alerts never fire',
  );
  expect(result.details).toEqual([
    `${TRAIL_ARN} (account, multi-Region): logging, does not log write management events of kms.amazonaws.com`,
  ]);
});

test('FAIL: a trail that is not logging', async () => {
  const world = healthyWorld();
  world.logging.set(TRAIL_ARN, false);
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(result.details[0]).toContain('NOT LOGGING');
});

test('FAIL: no trail applies to the region (a single-Region trail elsewhere does not count)', async () => {
  const world = healthyWorld();
  world.trailList = [{ ...world.trailList[0], multiRegion: false, homeRegion: 'us-east-1' }];
  install(world);
  expect(await run()).toMatchObject({
    status: 'FAIL',
    summary: 'no trail applies to this region: the CloudTrail alerts never fire (see README, Alerting)',
    details: [],
  });
  expect(aws().callsOf('trailLogging')).toEqual([]);
});

test('WARN: an organization trail whose settings this account cannot read', async () => {
  const world = healthyWorld();
  const orgTrail = `arn:aws:cloudtrail:us-east-1:000099990000:trail/org-trail`;
  world.trailList = [{ arn: orgTrail, homeRegion: 'us-east-1', multiRegion: true, organization: true }];
  world.logging.set(orgTrail, true);
  world.failures.trailSelectors.push(serviceError('TrailNotFoundException', 'Unknown trail'));
  install(world);
  const result = await run();
  expect(result.status).toBe('WARN');
  expect(result.finding).toMatchObject({
    trails: [{ readError: { name: 'TrailNotFoundException', message: 'Unknown trail' } }],
  });
  expect(result.details).toEqual([
    `${orgTrail} (organization, multi-Region): cannot be read from this account (TrailNotFoundException: Unknown trail)`,
  ]);
});

test('PASS when one of several trails qualifies', async () => {
  const world = healthyWorld();
  const readOnly = `arn:aws:cloudtrail:us-west-2:000011114444:trail/reads`;
  world.trailList.push({ arn: readOnly, homeRegion: 'us-west-2', multiRegion: false, organization: false });
  world.logging.set(readOnly, true);
  world.selectors.set(readOnly, { basic: [{ readWriteType: 'ReadOnly' }], advanced: [] });
  install(world);
  const result = await run();
  expect(result.status).toBe('PASS');
  expect(result.details).toHaveLength(2);
});
