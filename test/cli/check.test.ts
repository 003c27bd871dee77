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

  it('says a file that does not exist does not exist', async () => {
    const result = await run(['check', 'missing.txt']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('cannot read missing.txt: no such file');
  });

  it('reads an argument as a file only when it is meant as one: no =, and the extension of a claims file', async () => {
    const result = await run(['check', '/etc/passwd']);
    expect(result.code).toBe(2);
    expect(result.err).toBe('error: /etc/passwd is not a claim (a claim has an =) nor the name of a claims file\ngive one claim such as "d/dx (x^2) = 2x", a file whose name ends in .claims, .txt, .tex or .md, or --file F for any other file\n');
    const dir = mkdtempSync(join(tmpdir(), 'chainrule-check-'));
    const file = join(dir, 'a=b.txt');
    writeFileSync(file, 'd/dx x^2 = 2x\n');
    expect((await run(['check', file])).err).toContain('unexpected'); // a name with = in it is a claim: --file reads it
    expect((await run(['check', '--file', file])).out).toContain('✓ correct: d/dx x^2 = 2x');
  });

  it('reads files as editors write them: a byte order mark, CRLF and CR line ends; a NUL is named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainrule-check-'));
    const texts = { bom: '\uFEFFf = x^2\r\ndf/dx = 2x\r\n', cr: 'f = x^2\rdf/dx = 2x\r' };
    for (const [name, text] of Object.entries(texts)) {
      const file = join(dir, `${name}.txt`);
      writeFileSync(file, text);
      const result = await run(['check', file]);
      expect(result.out, name).toBe('line 2: ✓ correct: df/dx = 2x\n1 claim: 1 correct, 0 incorrect, 0 undetermined\n');
    }
    const file = join(dir, 'nul.txt');
    writeFileSync(file, 'f = x^2\ndf/dx = 2\0x\nd/dx (x^3) = 3x^2\n');
    const result = await run(['check', file]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('this line holds a NUL character (a zero byte), which no claim can contain (line 2, column 10');
    expect(result.out).toContain('line 3: ✓ correct: d/dx (x^3) = 3x^2');
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

describe('cli: check warns about ambiguous forms', () => {
  it('prints the warnings on standard error in text, leaving the verdicts and the exit code alone', async () => {
    const result = await run(['check', '-', '--seed', '7'], 'f = sin^2 x\ndf/dx = 2 sin x cos x\n-x^2 = -(x^2)\n');
    expect(result.code).toBe(0);
    expect(result.out).toBe('line 2: ✓ correct: df/dx = 2 sin x cos x\nline 3: ✓ correct: -x^2 = -(x^2)\n2 claims: 2 correct, 0 incorrect, 0 undetermined\n');
    expect(result.err).toBe(
      [
        'warning: read sin^2 x as sin(x)^2 (a power of sin); write sin(sin(…)) for a composition (line 1, column 5 of standard input)',
        'warning: read -x^2 as -(x^2); write (-x)^2 for the square of -x (line 3, column 1 of standard input)',
        '',
      ].join('\n'),
    );
  });

  it('gives them as a warnings array in --json, and nothing on standard error', async () => {
    const result = await run(['check', 'x^-2x = x^(-1)', '--json']);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    expect(JSON.parse(result.out).warnings).toEqual([{ line: 1, column: 1, message: 'read x^-2x as x^(-2)·x; write x^(-2x) for x to the power -2x' }]);
  });

  it('puts a warning between the errors of the lines around it', async () => {
    const result = await run(['check', '-'], 'x +\n-x^2 = -(x^2)\nsin^-1 x = 1');
    expect(result.code).toBe(2);
    const firstLines = result.err.split('\n').filter((line) => /^(warning|error)/.test(line));
    expect(firstLines.map((line) => line.slice(0, 30))).toEqual(['error: the input ends too earl', 'warning: read -x^2 as -(x^2); ', 'error: sin^-1 x could mean the']);
  });
});
