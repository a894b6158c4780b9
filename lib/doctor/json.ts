import { checkText } from './text/check-text';
import type { CheckStatus, DoctorReport } from './types';

/** One check as `--json` prints it. */
export interface CheckJson {
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus;
  readonly summary: string;
  readonly details: readonly string[];
  readonly facts?: unknown;
}

/** The report as `--json` prints it: each check with its words (as the text says them) and its facts. */
export function reportJson(report: DoctorReport) {
  const now = new Date(report.checkedAt);
  return {
    ...report,
    checks: report.checks.map((c): CheckJson => {
      const { title, summary, details } = checkText(c, now);
      // The account check has always listed its status before its title.
      const head = c.id === 'account' ? { id: c.id, status: c.status, title } : { id: c.id, title, status: c.status };
      return { ...head, summary, details, ...(c.facts === undefined ? {} : { facts: c.facts }) };
    }),
  };
}
