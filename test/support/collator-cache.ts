// The IAM policy engine (@cloud-copilot/iam-policy) compares names with
// `a.localeCompare(b, undefined, options)`, and V8 builds a new ICU collator for every such call (it
// keeps only the default one): a quarter of the engine's time in the proofs and mutation tests. The
// language defines the call as a comparison by `new Intl.Collator(locales, options)`, so the same
// comparison through one collator per distinct options gives the same result, for the tests only.
const CACHED = Symbol.for('backup-account.collator-cache');
const strings = String.prototype as { localeCompare: typeof String.prototype.localeCompare; [CACHED]?: true };

if (!strings[CACHED]) {
  strings[CACHED] = true;
  const original = strings.localeCompare;
  const collators = new Map<string, Intl.Collator>();
  strings.localeCompare = function (
    this: string,
    that: string,
    locales?: string | string[],
    options?: object,
  ) {
    if (locales !== undefined || options === undefined) return original.call(this, that, locales, options);
    const key = JSON.stringify(options);
    let collator = collators.get(key);
    if (!collator) {
      collator = new Intl.Collator(undefined, options);
      collators.set(key, collator);
    }
    return collator.compare(String(this), String(that));
  };
}
