/** The claims benchmark: checking a 1,000-claim file, half right and half with common mistakes. */
import { checkClaims } from '../check/claims.js';
import { measure } from './measure.js';

/** Functions, a right derivative written differently from chainrule's, and a common mistake. */
const CASES: readonly (readonly [string, string, string])[] = [
  ['x^2*sin(x)', '2x sin(x) + x^2 cos(x)', '2x cos(x)'],
  ['exp(3x)', '3exp(3x)', 'exp(3x)'],
  ['log(1 + x^2)', '2x/(1 + x^2)', '1/(1 + x^2)'],
  ['sqrt(1 + x^2)', 'x/sqrt(1 + x^2)', '1/(2sqrt(1 + x^2))'],
  ['(2x + 1)^5', '10(2x + 1)^4', '5(2x + 1)^4'],
  ['tanh(x)', '1 - tanh(x)^2', 'tanh(x)^2 - 1'],
  ['sigmoid(x)', 'sigmoid(x)(1 - sigmoid(x))', 'sigmoid(x)'],
  ['x/(1 + x)', '1/(1 + x)^2', '(1 + 2x)/(1 + x)^2'],
  ['sin(x)*cos(x)', 'cos(2x)', 'cos(x)^2 + sin(x)^2'],
  ['x^3 - 2x', '3x^2 - 2', '3x^3 - 2'],
  ['1/2*(y - w*x)^2', '-w(y - w x)', 'w(y - w x)'],
  ['atan(x^2)', '2x/(1 + x^4)', '1/(1 + x^4)'],
];

/** A claims file of `count` lines cycling through the cases, right and wrong in turn. */
export function claimsFile(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const [fn, right, wrong] = CASES[Math.floor(i / 2) % CASES.length]!;
    lines.push(`d/dx (${fn}) = ${i % 2 === 0 ? right : wrong}`);
  }
  return lines.join('\n');
}

/** Claims checked per second on a 1,000-claim file (median of a few runs, each a fresh checker). */
export function timeClaims(count = 1000, samples = 5) {
  return { ...timeCheck(claimsFile(count), count, samples), target_per_second: 1000 };
}

/** How long `checkClaims` takes on a file of `count` claims: median seconds, claims per second, and the verdicts. */
export function timeCheck(text: string, count: number, samples: number) {
  const report = checkClaims(text);
  const timing = measure({ samples, warmups: 1, setup: () => text, run: (file) => checkClaims(file) });
  return {
    count,
    seconds: Math.round(timing.medianMs) / 1000,
    per_second: Math.round(count / (timing.medianMs / 1000)),
    summary: report.summary,
    samples_ms: timing.samplesMs.map((ms) => Math.round(ms * 10) / 10),
  };
}
