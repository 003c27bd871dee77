/** The parsing benchmark: inputs of about 10⁵ characters of every construct the grammars accept, each parsed once. */
import { performance } from 'node:perf_hooks';
import { parseLatexClaimLine } from '../syntax/latex.js';
import { parseClaimLine, parseProgram, MAX_NESTING } from '../syntax/parse.js';
import { InputError } from '../errors.js';

/** Characters in each input. */
const SIZE = 100_000;

/** `unit` repeated, joined by `joiner`, to about SIZE characters. */
const repeated = (unit: string, joiner: string) => Array.from({ length: Math.floor(SIZE / (unit.length + joiner.length)) }, () => unit).join(joiner);

/** Each construct at 10⁵ characters: long flat ones, and nesting (which stops at the depth limit, while parsing). */
const CONSTRUCTS: readonly { name: string; syntax: 'program' | 'claim' | 'latex'; text: string }[] = [
  { name: 'sum', syntax: 'program', text: repeated('x', ' + ') },
  { name: 'product', syntax: 'program', text: repeated('x', '*') },
  { name: 'implicit product', syntax: 'program', text: repeated('x', ' ') },
  { name: 'power chain', syntax: 'program', text: repeated('x', '^') },
  { name: 'signs', syntax: 'program', text: `${'-'.repeat(SIZE - 1)}x` },
  { name: 'roots', syntax: 'program', text: `${'√'.repeat(SIZE - 1)}x` },
  { name: 'arguments', syntax: 'program', text: `max(${repeated('x', ',')})` },
  { name: 'statements', syntax: 'program', text: repeated('a = x', '; ') },
  { name: 'nested brackets', syntax: 'program', text: `${'('.repeat(SIZE / 2)}x${')'.repeat(SIZE / 2)}` },
  { name: 'nested calls', syntax: 'program', text: `${'sin('.repeat(SIZE / 5)}x${')'.repeat(SIZE / 5)}` },
  { name: 'derivation', syntax: 'claim', text: `d/dx x^2 = ${repeated('2x', ' = ')}` },
  { name: 'LaTeX sum', syntax: 'latex', text: `${repeated('x', ' + ')} = 1` },
  { name: 'LaTeX fractions', syntax: 'latex', text: `${'\\frac{1}{'.repeat(SIZE / 10)}x${'}'.repeat(SIZE / 10)} = 1` },
  { name: 'LaTeX powers', syntax: 'latex', text: `x${'^{x'.repeat(SIZE / 4)}${'}'.repeat(SIZE / 4)} = 1` },
];

/** Milliseconds to parse each construct (or to stop at the depth limit), with the outcome. */
export function timeParsing() {
  const limits = { maxLength: 2 * SIZE, maxDepth: MAX_NESTING };
  const cases = CONSTRUCTS.map(({ name, syntax, text }) => {
    const started = performance.now();
    let outcome = 'parsed';
    try {
      if (syntax === 'program') parseProgram(text, limits);
      else if (syntax === 'claim') parseClaimLine(text, 1, limits);
      else parseLatexClaimLine(text, 1, limits);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      outcome = `refused: ${error.message.slice(0, 80)}`;
    }
    return { construct: name, chars: text.length, ms: Math.round(performance.now() - started), outcome };
  });
  return { cases, slowest_ms: Math.max(...cases.map((c) => c.ms)), target_ms: 1000 };
}
