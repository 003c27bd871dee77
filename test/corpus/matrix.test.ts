// The matrix-calculus corpus (test/corpus/matrix/cases.json): claims files of linear, sigmoid, tanh, ReLU and softmax
// layers, batches, both conventions (W x and Wᵀ x), L2 penalties, identities and values at a point, in plain text and
// in LaTeX, labelled by label.mjs (finite differences on a mathjs implementation of its own, never by chainrule).
// Every file must be read without an error, give exactly one verdict, and agree with its label: no false accept, no
// false reject; a wrong derivation must be caught at its first wrong step.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkClaims } from '../../src/engines.js';

interface Case {
  readonly id: string;
  readonly topic: string;
  readonly plain: string;
  readonly latex?: string;
  readonly expected: { readonly verdict: 'correct' | 'incorrect'; readonly firstWrongStep?: number };
}

const cases: Case[] = JSON.parse(readFileSync(new URL('./matrix/cases.json', import.meta.url), 'utf8'));

/** A file of the second corpus, written by another author from the claim syntax alone (matrix-heldout/README.md). */
interface HeldOut {
  readonly id: string;
  readonly text: string;
  readonly expected: 'correct' | 'incorrect';
  readonly firstWrongStep?: number;
}

const heldOut: HeldOut[] = JSON.parse(readFileSync(new URL('./matrix-heldout/cases.json', import.meta.url), 'utf8'));

describe('the matrix-calculus corpus', () => {
  it('has labels the independent labeller reproduces', () => {
    const out = execFileSync(process.execPath, [fileURLToPath(new URL('./matrix/label.mjs', import.meta.url))], { encoding: 'utf8' });
    expect(out).toContain('label disagreements: 0; errors: 0; text problems: 0');
  });

  for (const form of ['plain', 'latex'] as const) {
    it(`gets every ${form} file right: no false accepts, no false rejects, every line read`, () => {
      const wrong: string[] = [];
      let checked = 0;
      for (const c of cases) {
        const text = c[form];
        if (text === undefined) continue;
        checked++;
        const report = checkClaims(text);
        const claim = report.claims.at(-1);
        const problems = [
          ...report.errors.map((error) => `line ${error.line}: ${error.error.message}`),
          ...(report.claims.length === 1 ? [] : [`${report.claims.length} claims`]),
          ...(claim?.verdict === c.expected.verdict ? [] : [`${claim?.verdict ?? 'no verdict'} where it is ${c.expected.verdict}${claim?.reason ? ` (${claim.reason})` : ''}`]),
          ...(c.expected.firstWrongStep === undefined || claim?.step === c.expected.firstWrongStep ? [] : [`step ${claim?.step} reported where step ${c.expected.firstWrongStep} is the first wrong one`]),
        ];
        if (problems.length > 0) wrong.push(`${c.id}: ${problems.join('; ')}`);
      }
      expect(checked).toBeGreaterThan(form === 'plain' ? 150 : 50);
      expect(wrong).toEqual([]);
    });
  }
});

describe('the second matrix corpus (matrix-heldout: symbolic sizes, Unicode, LaTeX, unusual right forms)', () => {
  it('gets every file right: no false accepts, no false rejects, every line read', () => {
    const wrong: string[] = [];
    for (const c of heldOut) {
      const report = checkClaims(c.text);
      const claim = report.claims.at(-1);
      const problems = [
        ...report.errors.map((error) => `line ${error.line}: ${error.error.message}`),
        ...(claim?.verdict === c.expected ? [] : [`${claim?.verdict ?? 'no verdict'} where it is ${c.expected}`]),
        ...(c.firstWrongStep === undefined || claim?.step === c.firstWrongStep ? [] : [`step ${claim?.step} where step ${c.firstWrongStep} is the first wrong one`]),
      ];
      if (problems.length > 0) wrong.push(`${c.id}: ${problems.join('; ')}`);
    }
    expect(heldOut.length).toBeGreaterThanOrEqual(100);
    expect(wrong).toEqual([]);
  });
});
