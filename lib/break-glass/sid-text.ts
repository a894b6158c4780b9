/**
 * Statement IDs accept only ASCII letters and digits, so free text (the reason for an opening) is
 * stored in a Sid as the hexadecimal form of its UTF-8 bytes.
 */
export function encodeSidText(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex');
}

/** The text back; undefined when the Sid part is not the hex of UTF-8 text. */
export function decodeSidText(encoded: string): string | undefined {
  if (!/^(?:[0-9a-f]{2})*$/.test(encoded)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(encoded, 'hex'));
  } catch {
    return undefined;
  }
}
