import { GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { logsManagementEvent } from '../../lib/doctor/checks/event-selectors';
import { checkTrail } from '../../lib/doctor/checks/trail';
import { clients, cloudtrailMock, context, healthyWorld, install, serviceError, TRAIL_ARN } from './fixture';

const KMS_WRITE = { eventSource: 'kms.amazonaws.com', readOnly: false };
const BACKUP_WRITE = { eventSource: 'backup.amazonaws.com', readOnly: false };
const run = () => checkTrail(clients(), context());

describe('basic event selectors', () => {
  test.each([
    [{ ReadWriteType: 'All' as const }, true],
    [{}, true],
    [{ ReadWriteType: 'WriteOnly' as const, IncludeManagementEvents: true }, true],
    [{ ReadWriteType: 'ReadOnly' as const }, false],
    [{ ReadWriteType: 'All' as const, IncludeManagementEvents: false }, false],
    [{ ReadWriteType: 'All' as const, ExcludeManagementEventSources: ['kms.amazonaws.com'] }, false],
    [{ ReadWriteType: 'All' as const, ExcludeManagementEventSources: ['rdsdata.amazonaws.com'] }, true],
  ])('%j logs KMS write events: %s', (selector, logged) => {
    expect(logsManagementEvent({ basic: [selector] }, KMS_WRITE)).toBe(logged);
  });

  test('an event is logged when any selector logs it', () => {
    const basic = [{ ReadWriteType: 'ReadOnly' as const }, { ReadWriteType: 'WriteOnly' as const }];
    expect(logsManagementEvent({ basic }, KMS_WRITE)).toBe(true);
  });
});

describe('advanced event selectors', () => {
  const management = { Field: 'eventCategory', Equals: ['Management'] };
  test.each([
    ['all management events', [management], true],
    ['write-only', [management, { Field: 'readOnly', Equals: ['false'] }], true],
    ['read-only', [management, { Field: 'readOnly', Equals: ['true'] }], false],
    ['KMS excluded', [management, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }], false],
    ['RDS Data excluded', [management, { Field: 'eventSource', NotEquals: ['rdsdata.amazonaws.com'] }], true],
    [
      'data events only',
      [
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
      ],
      false,
    ],
    ['sources starting with kms', [management, { Field: 'eventSource', StartsWith: ['kms.'] }], true],
  ])('%s: KMS write events logged = %s', (_name, FieldSelectors, logged) => {
    expect(logsManagementEvent({ advanced: [{ Name: 'x', FieldSelectors }] }, KMS_WRITE)).toBe(logged);
  });

  test('a selector that excludes KMS still logs AWS Backup events', () => {
    const advanced = [
      { FieldSelectors: [management, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }] },
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
  expect(cloudtrailMock).toHaveReceivedCommandWith(GetTrailStatusCommand, { Name: TRAIL_ARN });
  expect(cloudtrailMock).toHaveReceivedCommandWith(GetEventSelectorsCommand, { TrailName: TRAIL_ARN });
});

test('FAIL: the only trail excludes KMS events (advanced selectors)', async () => {
  const world = healthyWorld();
  world.selectors[TRAIL_ARN] = {
    AdvancedEventSelectors: [
      {
        Name: 'no KMS',
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Management'] },
          { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] },
        ],
      },
    ],
  };
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(result.summary).toBe(
    'no trail logs write management events of AWS Backup and KMS here: the CloudTrail alerts never fire',
  );
  expect(result.details).toEqual([
    `${TRAIL_ARN} (account, multi-Region): logging, does not log write management events of kms.amazonaws.com`,
  ]);
});

test('FAIL: a trail that is not logging', async () => {
  const world = healthyWorld();
  world.logging[TRAIL_ARN] = false;
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(result.details[0]).toContain('NOT LOGGING');
});

test('FAIL: no trail applies to the region (a single-Region trail elsewhere does not count)', async () => {
  const world = healthyWorld();
  world.trails = [{ ...world.trails[0], IsMultiRegionTrail: false, HomeRegion: 'us-east-1' }];
  install(world);
  expect(await run()).toMatchObject({
    status: 'FAIL',
    summary: 'no trail applies to this region: the CloudTrail alerts never fire (see README, Alerting)',
    details: [],
  });
  expect(cloudtrailMock).not.toHaveReceivedCommand(GetTrailStatusCommand);
});

test('WARN: an organization trail whose settings this account cannot read', async () => {
  const world = healthyWorld();
  const orgTrail = `arn:aws:cloudtrail:us-east-1:000099990000:trail/org-trail`;
  world.trails = [
    {
      Name: 'org-trail',
      TrailARN: orgTrail,
      HomeRegion: 'us-east-1',
      IsMultiRegionTrail: true,
      IsOrganizationTrail: true,
    },
  ];
  install(world);
  cloudtrailMock
    .on(GetEventSelectorsCommand)
    .rejects(serviceError('TrailNotFoundException', 'Unknown trail'));
  const result = await run();
  expect(result.status).toBe('WARN');
  expect(result.details).toEqual([
    `${orgTrail} (organization, multi-Region): cannot be read from this account (TrailNotFoundException: Unknown trail)`,
  ]);
});

test('PASS when one of several trails qualifies', async () => {
  const world = healthyWorld();
  const readOnly = `arn:aws:cloudtrail:us-west-2:000011114444:trail/reads`;
  world.trails.push({
    Name: 'reads',
    TrailARN: readOnly,
    HomeRegion: 'us-west-2',
    IsMultiRegionTrail: false,
  });
  world.logging[readOnly] = true;
  world.selectors[readOnly] = { EventSelectors: [{ ReadWriteType: 'ReadOnly' }] };
  install(world);
  const result = await run();
  expect(result.status).toBe('PASS');
  expect(result.details).toHaveLength(2);
});
