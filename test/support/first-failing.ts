/**
 * Finds a failing check for each mutant, trying first the checks that killed earlier mutants (move to
 * front): mutants of one statement mostly die by the same check, so a killed mutant costs one or two
 * evaluations instead of a walk through the table. Whether a mutant is killed does not depend on the
 * order; a survivor is still evaluated against every check.
 */
export class FirstFailing<Check> {
  private readonly killers: Check[] = [];

  /** The first check in `checks` that `fails`, killers first; undefined when none fails. */
  async find(
    checks: readonly Check[],
    fails: (check: Check) => Promise<boolean>,
  ): Promise<Check | undefined> {
    const candidates = new Set(checks);
    const ordered = [...this.killers.filter((k) => candidates.has(k)), ...checks];
    const tried = new Set<Check>();
    for (const check of ordered) {
      if (tried.has(check)) continue;
      tried.add(check);
      if (await fails(check)) {
        const at = this.killers.indexOf(check);
        if (at >= 0) this.killers.splice(at, 1);
        this.killers.unshift(check);
        return check;
      }
    }
    return undefined;
  }
}
