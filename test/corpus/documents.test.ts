// The homework-document corpus (test/corpus/documents/): LaTeX, Markdown and notebook homework with prose, macros,
// comments, code and math that only states values, and the expected verdict of every claim at its document line
// (computed with mathjs by compute-expected.mjs, not by chainrule). Every document's claims must come out exactly so.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../src/check/documents.js';
import { documentFormat, readDocument } from '../../src/syntax/documents.js';

interface Expected {
  readonly file: string;
  readonly claims: readonly { readonly line: number; readonly verdict: string; readonly cell?: number; readonly startLine?: number }[];
}

const expected: Expected[] = JSON.parse(readFileSync(new URL('./documents/expected.json', import.meta.url), 'utf8'));

describe('the homework-document corpus', () => {
  it('has LaTeX, Markdown and notebooks', () => {
    const count = (pattern: RegExp) => expected.filter((entry) => pattern.test(entry.file)).length;
    expect(count(/\.tex$/)).toBeGreaterThanOrEqual(10);
    expect(count(/\.md$/)).toBeGreaterThanOrEqual(5);
    expect(count(/\.ipynb$/)).toBeGreaterThanOrEqual(3);
  });

  it.each(expected.map((entry) => [entry.file, entry] as const))('%s: every claim at its line, with its verdict', (file, entry) => {
    const text = readFileSync(new URL(`./documents/${file}`, import.meta.url), 'utf8');
    const report = checkDocument(readDocument(text, documentFormat(file)!));
    const got = report.claims.map(({ claim, position, start }) => ({
      ...(position.cell !== undefined ? { cell: position.cell } : {}),
      line: position.line,
      verdict: claim.verdict,
      ...(claim.verdict === 'incorrect' && start.line !== position.line ? { startLine: start.line } : {}),
    }));
    const want = entry.claims.map((claim) => ({ ...(claim.cell !== undefined ? { cell: claim.cell } : {}), line: claim.line, verdict: claim.verdict, ...(claim.startLine !== undefined && claim.startLine !== claim.line ? { startLine: claim.startLine } : {}) }));
    expect(got).toEqual(want);
  });
});
