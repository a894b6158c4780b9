// test/support/collator-cache.ts compares through cached collators; it must compare as the language
// defines localeCompare: by a collator made from the same locales and options.
const PAIRS = [
  ['ForAnyValue', 'foranyvalue'],
  ['IfExists', 'ifexists'],
  ['StringEquals', 'StringEqualsIgnoreCase'],
  ['résumé', 'resume'],
  ['a', 'b'],
  ['', ''],
] as const;
const OPTIONS = [{ sensitivity: 'accent' }, { sensitivity: 'base' }, { sensitivity: 'variant' }] as const;

test.each(OPTIONS)('with %o, every pair compares as a fresh Intl.Collator compares it', (options) => {
  for (const [a, b] of PAIRS) {
    const expected = new Intl.Collator(undefined, options).compare(a, b);
    expect([a, b, a.localeCompare(b, undefined, options)]).toEqual([a, b, expected]);
    expect([b, a, b.localeCompare(a, undefined, { ...options })]).toEqual([b, a, -expected || 0]);
  }
});

test('with locales or without options, the comparison is the built-in one', () => {
  expect('a'.localeCompare('B')).toBe(new Intl.Collator().compare('a', 'B'));
  expect('ä'.localeCompare('z', 'sv')).toBe(new Intl.Collator('sv').compare('ä', 'z'));
});
