import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const homework = ['# homework 3', 'f = x^2*y/z', 'df/dx = 2*x*y/z', '∂f/∂z = x^2*y/z^2', 'sigmoid(0.25) = 0.56'].join('\n');

describe('cli: check', () => {
  it('checks one claim given as an argument and exits 0 when it is correct', async () => {
    const result = await run(['check', 'd/dx (x^2*sin(x)) = 2*x*sin(x) + x^2*cos(x)']);
    expect(result.code).toBe(0);
    expect(result.out).toBe('line 1: ✓ correct: d/dx (x^2*sin(x)) = 2*x*sin(x) + x^2*cos(x)\n1 claim: 1 correct, 0 incorrect, 0 undetermined\n');
  });

  it('checks a file, explains the wrong claim and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainrule-check-'));
    const file = join(dir, 'homework.txt');
    writeFileSync(file, homework);
    const result = await run(['check', file]);
    expect(result.code).toBe(1);
    const lines = result.out.split('\n');
    expect(lines[0]).toBe('line 3: ✓ correct: df/dx = 2*x*y/z');
    expect(lines[1]).toBe('line 4: ✗ incorrect: ∂f/∂z = x^2*y/z^2');
    expect(lines[2]).toBe('    it should be -x^2*y/z^2');
    expect(lines[3]).toMatch(/^ {4}at x = .*, y = .*, z = .*: yours is .*, the right value is .*$/);
    expect(lines[4]).toBe('    sign error: your answer is the negative of the derivative');
    expect(lines.at(-2)).toBe('3 claims: 2 correct, 1 incorrect, 0 undetermined');
  });

  it('reads standard input and writes the JSON the issue specifies', async () => {
    const result = await run(['check', '-', '--json'], homework);
    const json = JSON.parse(result.out);
    expect(json.summary).toEqual({ correct: 2, incorrect: 1, undetermined: 0 });
    expect(json.claims[1]).toMatchObject({ line: 4, claim: '∂f/∂z = x^2*y/z^2', verdict: 'incorrect', expected: '-x^2*y/z^2', diagnosis: 'sign error: your answer is the negative of the derivative' });
    expect(Object.keys(json.claims[1].counterexample)).toEqual(['point', 'claimed', 'correct']);
    expect(json.claims[0]).toMatchObject({ line: 3, verdict: 'correct' });
  });

  it('exits 2 when a line cannot be read, still checking the others', async () => {
    const result = await run(['check', '-'], 'd/dx (x^2) = 2x\nd/dx (x^2 = 2x\n');
    expect(result.code).toBe(2);
    expect(result.err).toBe('error: unexpected "=" (line 2, column 11 of standard input)\n  d/dx (x^2 = 2x\n            ^\nexpected ")", a number, a name, "(", an operator (+ - * / ^) or a derivative such as df/dx here\n');
    expect(result.out).toContain('line 1: ✓ correct');
  });

  it('takes --rtol and --atol for numbers', async () => {
    expect((await run(['check', 'sigmoid(0.25) = 0.57'])).code).toBe(1);
    expect((await run(['check', 'sigmoid(0.25) = 0.57', '--atol', '0.01'])).code).toBe(0);
  });
});

describe('cli: arguments that start with a minus', () => {
  it('reads them as expressions, not options', async () => {
    const result = await run(['check', '-log(0.02623) = 3.6', '--json']);
    expect(JSON.parse(result.out).summary.correct).toBe(1);
    expect((await run(['eval', '-1+x', '--at', 'x=3'])).out).toBe('2\n');
  });
});
