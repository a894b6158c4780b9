/**
 * Looks for a check (a request and its expected outcome) that a mutant of a policy fails, for both
 * mutation tests. Only the checks the mutant may change are tried (`mayChange`, from what the
 * unmutated policy gives each check, evaluated once), and of those first the ones that killed
 * earlier mutants (move to front): mutants of one statement mostly die by the same check. Whether a
 * mutant is killed does not depend on the order; a survivor is tried against every check it may change.
 */
import { type ApplyingStatements, type Mutant, mayChange } from '../../lib/analysis/mutants';
import type { PolicyJson } from '../../lib/policies/policy-json';

/** What a version of the policy gives one check. */
export interface Verdict {
  readonly holds: boolean;
  /** The statements of that version that apply to the check's request. */
  readonly applying: ApplyingStatements;
}

export class MutantKiller<Check> {
  private readonly unmutated = new Map<Check, Promise<Verdict>>();
  private readonly killers: Check[] = [];

  /**
   * @param verdict what a version of the check's policy gives the check
   * @param original the unmutated policy of the check
   */
  constructor(
    private readonly verdict: (check: Check, policy: PolicyJson) => Promise<Verdict>,
    private readonly original: (check: Check) => PolicyJson,
  ) {}

  /** The checks that fail on their unmutated policy: there must be none. */
  async failingUnmutated(checks: readonly Check[]): Promise<Check[]> {
    const failing: Check[] = [];
    for (const check of checks) if (!(await this.onUnmutated(check)).holds) failing.push(check);
    return failing;
  }

  /** A check of `checks` that the mutant fails; undefined when it fails none. */
  async killer(mutant: Mutant, checks: readonly Check[]): Promise<Check | undefined> {
    const changeable: Check[] = [];
    for (const check of checks) {
      if (mayChange(mutant, (await this.onUnmutated(check)).applying)) changeable.push(check);
    }
    const killersFirst = [
      ...this.killers.filter((k) => changeable.includes(k)),
      ...changeable.filter((c) => !this.killers.includes(c)),
    ];
    for (const check of killersFirst) {
      if (!(await this.verdict(check, mutant.policy)).holds) {
        const at = this.killers.indexOf(check);
        if (at >= 0) this.killers.splice(at, 1);
        this.killers.unshift(check);
        return check;
      }
    }
    return undefined;
  }

  private onUnmutated(check: Check): Promise<Verdict> {
    let verdict = this.unmutated.get(check);
    if (!verdict) {
      verdict = this.verdict(check, this.original(check));
      this.unmutated.set(check, verdict);
    }
    return verdict;
  }
}
