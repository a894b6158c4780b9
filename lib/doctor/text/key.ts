import type { KeyCheck, KeyProblem } from '../checks/key';
import { day } from '../expected';
import type { CheckText } from './check-text';
import { failureText } from './words';

export function keyText({ destination: d, finding }: KeyCheck): CheckText {
  const title = `${d.heading} key ${d.aliasName}`;
  const line = (summary: string) => ({ title, summary, details: [] });
  switch (finding.kind) {
    case 'no-key':
      return line('no key to check: neither the vault nor the stack named one');
    case 'unreadable':
      return line(`${finding.keyArn} cannot be read: ${failureText(finding.failure)}`);
    case 'key': {
      const { keyId, problems } = finding;
      if (problems.length > 0)
        return line(`key ${keyId}: ${problems.map((p) => problemText(p, keyId, d.aliasName)).join('; ')}`);
      return line(
        `key ${keyId}: enabled, rotation on (every ${finding.rotationPeriodDays ?? 365} days), its alias points at it`,
      );
    }
  }
}

function problemText(p: KeyProblem, keyId: string, aliasName: string): string {
  switch (p.kind) {
    case 'pending-deletion':
      return `PENDING DELETION on ${p.deletionDate ? day(p.deletionDate) : 'an unknown date'}: cancel it now (aws kms cancel-key-deletion --key-id ${keyId}), or every copy it encrypts becomes unreadable`;
    case 'not-enabled':
      return `${p.keyState ?? 'not enabled'}: copies cannot be encrypted or read`;
    case 'rotation-off':
      return 'automatic rotation is off';
    case 'no-alias':
      return `alias ${aliasName} does not exist`;
    case 'alias-elsewhere':
      return `alias ${aliasName} points at key ${p.aliasTarget}, not at the vault's key`;
  }
}
