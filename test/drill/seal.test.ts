// The drill's seal is the break-glass tool itself: its adapter, run on the break-glass fixture
// (the shared AWS fake holding the SSN policies), opens, reports and closes as the tool does.
import { drillSeal } from '../../lib/drill/seal';
import { describeFailure } from '../../lib/domain-error';
import { BASELINE_TEXT, fakeAws, OPENING, openedText, RESTORER, runtime } from '../break-glass/fixture';

vi.setConfig({ testTimeout: 60_000 });

test('open writes an opening for the role (OPEN, with its reason), close puts the baseline back (SEALED)', async () => {
  const fake = fakeAws();
  const seal = drillSeal(runtime());
  expect(await seal.status()).toEqual({
    state: 'SEALED',
    principal: undefined,
    reason: undefined,
    outstanding: [],
  });
  await seal.open(RESTORER, 'backup drill 20300301-abc123', '1h');
  expect(await seal.status()).toMatchObject({
    state: 'OPEN',
    principal: RESTORER,
    reason: 'backup drill 20300301-abc123',
  });
  expect(fake.key).not.toBe(BASELINE_TEXT.key);
  expect((await seal.close()).state).toBe('SEALED');
  expect({ vault: fake.vault, key: fake.key }).toEqual(BASELINE_TEXT);
  expect(await seal.cleanup()).toEqual([]);
});

test("open's refusal reaches the drill as an error with the tool's message", async () => {
  fakeAws();
  const seal = drillSeal(runtime());
  await expect(seal.open('arn:aws:iam::999988887777:role/Elsewhere', 'backup drill x', '1h')).rejects.toThrow(
    /999988887777/,
  );
});

test("open's refusal by the policies' state is the tool's own error, described by its message alone", async () => {
  const other = 'arn:aws:iam::000011114444:role/SomeoneElse';
  fakeAws(openedText({ ...OPENING, principalArn: other }));
  const seal = drillSeal(runtime());
  const error = await seal.open(RESTORER, 'backup drill x', '1h').catch((e: unknown) => e);
  expect(error).toMatchObject({ reason: 'policies-not-openable' });
  expect(describeFailure(error).message).toMatch(
    /^Nothing written; the SSN policies are not in a state open can start from/,
  );
});
