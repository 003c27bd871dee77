/** Untrusted text made safe to print. */

/**
 * Untrusted text (a student's line, a file name) made safe to print on a terminal or in a report: control characters
 * and escape sequences are written as `\x1b`, line breaks as `\n` (a name cannot start a line of its own), and the
 * characters that reorder text (right-to-left overrides) as `\u{202e}`, so that nothing can be forged or hidden.
 * Tabs are kept.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (char) => {
    const code = char.charCodeAt(0);
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** A report made safe to print: every line of it `printable`, the line breaks between them kept. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}
