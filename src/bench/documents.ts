/** A long homework: a 50-page LaTeX document with 500 derivations among prose, read and checked. */
import { checkDocument } from '../check/documents.js';
import { readDocument } from '../syntax/documents.js';
import { measure, roundMs } from './measure.js';

/** The document: 500 sections of prose and a three-step derivation each (one in ten with a wrong last step). */
export function longHomework(derivations = 500): string {
  const parts = ['\\documentclass{article}', '\\usepackage{amsmath}', '\\newcommand{\\dd}{\\frac{d}{dx}}', '\\begin{document}'];
  for (let k = 1; k <= derivations; k++) {
    const a = (k % 7) + 2;
    const wrong = k % 10 === 0;
    parts.push(
      `\\subsection*{Exercise ${k}}`,
      `Differentiate $f_{${k}}(x) = x^{${a}} \\sin(${a}x)$ with the product rule; the chain rule gives the inner factor $${a}$.`,
      'We write out every step, as the course asks, and simplify at the end.',
      '\\begin{align*}',
      `\\dd\\left(x^{${a}} \\sin(${a}x)\\right) &= ${a}x^{${a - 1}} \\sin(${a}x) + x^{${a}} \\cos(${a}x) \\cdot ${a} \\\\`,
      `&= ${a}x^{${a - 1}} \\left(\\sin(${a}x) + x \\cos(${a}x)\\right) \\\\`,
      `&= ${a}x^{${a - 1}} \\sin(${a}x) + ${wrong ? a + 1 : a}x^{${a}} \\cos(${a}x)`,
      '\\end{align*}',
      '',
    );
  }
  parts.push('\\end{document}');
  return parts.join('\n');
}

/** Milliseconds to read and check the long homework. */
export function timeDocument(samples = 3) {
  const text = longHomework();
  const run = () => checkDocument(readDocument(text, 'latex'));
  const report = run();
  const timing = measure({ samples, warmups: 0, minSampleMs: 0, run });
  return {
    document: '500 derivations of three steps among prose, about 50 pages',
    lines: text.split('\n').length,
    claims: report.claims.length,
    incorrect: report.summary.incorrect,
    ms: roundMs(timing.medianMs),
    samples_ms: timing.samplesMs.map(roundMs),
  };
}
