import type { LockMismatch, VaultCheck, VaultPart } from '../checks/vault';
import { age, day } from '../expected';
import type { CheckText } from './check-text';
import { counted, failureText } from './words';

export function vaultText({ destination: d, finding }: VaultCheck, now: Date): CheckText {
  const title = `${d.heading} vault ${d.vaultName}`;
  const line = (summary: string) => ({ title, summary, details: [] });
  switch (finding.kind) {
    case 'unreadable':
      return line(`cannot be read: ${failureText(finding.failure)}`);
    case 'not-found':
      return line(`not found in account ${finding.account}, region ${finding.region}`);
    case 'vault':
      return line(finding.parts.map((p) => partText(p, now)).join('; '));
  }
}

function partText(p: VaultPart, now: Date): string {
  switch (p.kind) {
    case 'lock': {
      if (!p.locked || p.mode === undefined)
        return `Vault Lock is not protecting the vault (Locked: ${p.locked}); expected ${p.wantedMode} mode`;
      const range =
        p.maxRetentionDays === undefined
          ? `retention at least ${p.minRetentionDays ?? 0} days`
          : `retention ${p.minRetentionDays ?? 0} to ${p.maxRetentionDays} days`;
      const when = p.lockDate
        ? p.lockDate <= now
          ? `immutable since ${day(p.lockDate)}`
          : `becomes immutable on ${day(p.lockDate)} (${age(now, p.lockDate)})`
        : 'removable by privileged principals';
      const text = `${p.mode} lock, Locked, ${when}, ${range}`;
      return p.mismatches.length === 0 ? text : `${text} (${p.mismatches.map(mismatchText).join(', ')})`;
    }
    case 'key': {
      const keyArn = p.keyArn ?? '(none)';
      if (p.status === 'WARN') return `key ${keyArn} (no stack output to compare with)`;
      if (p.status === 'FAIL') return `key ${keyArn} is not the stack's key ${p.expectedKeyArn}`;
      return `key ${keyArn.split('/').pop()} (the stack's)`;
    }
    case 'recovery-points': {
      if (p.newest) {
        const newest = `${counted(p.count ?? 0, 'recovery point')}, newest ${age(now, p.newest)}`;
        return p.status === 'PASS'
          ? newest
          : `${newest}: none within freshness_alert_hours (${p.freshnessHours} h)`;
      }
      const created = p.vaultCreated;
      return p.status === 'WARN' && created
        ? `no completed recovery point yet (vault created ${age(now, created)}; copies arrive after the environment's first backup window)`
        : `no completed recovery point${created ? ` since the vault was created on ${day(created)}` : ''}`;
    }
  }
}

function mismatchText(m: LockMismatch): string {
  switch (m.kind) {
    case 'mode':
      return `the configuration says ${m.wanted} mode`;
    case 'min-retention':
      return `the configuration's minimum is ${m.wanted} days`;
    case 'max-retention':
      return `the configuration's maximum is ${m.wanted ?? 'none'}`;
  }
}
