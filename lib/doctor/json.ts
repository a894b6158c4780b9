import type { DoctorCheck } from './checks';
import { checkText } from './text/check-text';
import { selectionText } from './text/restore-plans';
import { failureText } from './text/words';
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

/** The report as `--json` prints it. */
export interface DoctorReportJson extends Omit<DoctorReport, 'checks'> {
  readonly checks: readonly CheckJson[];
}

/** The report as `--json` prints it: each check with its words (as the text says them) and its facts. */
export function reportJson(report: DoctorReport): DoctorReportJson {
  const now = new Date(report.checkedAt);
  return {
    ...report,
    checks: report.checks.map((c): CheckJson => {
      const { title, summary, details } = checkText(c, now);
      // The account check has always listed its status before its title.
      const head =
        c.check === 'account' ? { id: c.id, status: c.status, title } : { id: c.id, title, status: c.status };
      return { ...head, summary, details, ...(c.facts === undefined ? {} : { facts: factsJson(c) }) };
    }),
  };
}

/** A check's facts as `--json` gives them: a trail's read error, and a plan's selection, as one line each. */
function factsJson(c: DoctorCheck): unknown {
  if (c.facts === undefined) return undefined;
  switch (c.check) {
    case 'cloudtrail':
      return {
        trails: c.facts.trails.map((t) => (t.readError ? { ...t, readError: failureText(t.readError) } : t)),
      };
    case 'restore-plans':
      return {
        ...c.facts,
        selectingSsn: c.facts.selectingSsn.map((p) => ({
          ...p,
          selections: p.selections.map(selectionText),
        })),
      };
    default:
      return c.facts;
  }
}
