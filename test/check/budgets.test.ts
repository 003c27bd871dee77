// A verdict depends only on the input and the options: honest work is bounded by amounts (nodes, digits, entries),
// never by the clock, and a claim that needs more says which budget it ran out of.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkClaims, Graph } from '../../src/engines.js';
import { WorkLimit } from '../../src/errors.js';

const only = (text: string) => checkClaims(text).claims[0]!;

describe('budgets: a claim that needs too much work is undetermined, with the budget it ran out of', () => {
  it('stops a power whose many-digit value would have a hundred million digits', () => {
    for (const claim of ['sigmoid(2^(1e8/x)) = 1', 'sigmoid(2^(1e9/x)) = 1']) {
      const result = only(claim);
      expect(result.verdict).toBe('undetermined');
      expect(result.reason).toBe('checking it would need a number of more than 20000 digits');
    }
  });

  it('says that constants too large for float64 could not be compared, not that no point could be sampled', () => {
    expect(only('2^1e9 = 2^1e9 + 1').reason).toBe('the sides are too large for float64, and exact arithmetic could not decide (they would need too many digits)');
  });

  it('checks a matrix claim of 100000 entries in matrix form, never entry by entry', () => {
    const scalar = only('x: 100000\nL = sum(x)\ndL/dx = 1');
    expect(scalar).toMatchObject({ verdict: 'incorrect', diagnosisKind: 'shape', expected: 'ones(100000, 1)' });
    expect(only('x: 100000\nL = sum(x)\ndL/dx = ones(100000, 1)').verdict).toBe('correct');
  });

  it('bounds the nodes a piece of work may add to a graph', () => {
    const graph = new Graph();
    expect(() => graph.budget(3, () => ['a', 'b', 'c', 'd'].map((name) => graph.variable(name)))).toThrow(WorkLimit);
    expect(graph.budget(3, () => graph.variable('a'))).toBe(0); // the nodes it had are not counted again
  });

  it('does not call a side undefined where it only overflows', () => {
    expect(only('(x+1)^1000 - (x+1)^1000 = 0').notes).toBeUndefined();
  });
});

describe('budgets: nothing that decides a verdict reads the clock', () => {
  const folders = ['check', 'symbolic', 'numeric', 'ops', 'syntax', 'graph', 'tensor'];
  const files = folders.flatMap((folder) => {
    const root = new URL(`../../src/${folder}/`, import.meta.url).pathname;
    return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts')).map((file) => join(root, file));
  });

  it.each(files)('%s reads no clock', (file) => {
    expect(readFileSync(file, 'utf8')).not.toMatch(/Date\.now|performance\.now|new Date\(/);
  });
});

describe('budgets: what the grammar fuzzer found (test/fuzz)', () => {
  it('bounds a power of 2 in many-digit arithmetic as a power of 10 is (x^1e9 at a point)', () => {
    for (const claim of ['sqrt(x^1000000000) = x', 'x = sqrt(x^2144742017)', 'd/dx(0) = cos(x^-741541524)']) {
      expect(only(claim).reason, claim).toBe('checking it would need a number of more than 20000 digits');
    }
  });

  it('bounds runs of [ and | as it bounds runs of (, before parsing: neither quadratic time nor a stack overflow', () => {
    for (const text of [`${'['.repeat(1500)}x = 1`, `${'|'.repeat(1200)} = 1`, `d/dx ${'|'.repeat(3269)} = 1`]) {
      const { errors } = checkClaims(text);
      expect(errors.map(({ error }) => error.message), text.slice(0, 12)).toEqual(['the expression is more than 200 operations deep here (parentheses, powers of powers and signs count); the limit is 200']);
    }
  });

  it('says a point beyond the numbers it accepts is bad input, not an internal error', () => {
    const { claims, errors } = checkClaims('x at x=1e2000 = 0');
    expect([...claims.map((claim) => claim.reason), ...errors.map(({ error }) => error.message)]).toEqual(['the number 1e2000 is outside the range this tool accepts']);
  });
});
