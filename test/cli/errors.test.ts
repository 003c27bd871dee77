// Every class of bad input gets its own clear message and exit code 2, never a stack trace.
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

describe('cli: bad input', () => {
  it('reports a syntax error with line, column, caret and what was expected', async () => {
    const result = await run(['eval', 'x + * y']);
    expect(result.code).toBe(2);
    expect(result.err).toBe('error: unexpected "*" (line 1, column 5)\n  x + * y\n      ^\nexpected a number, a name, "(" or a sign (- or +) here\n');
    expect(result.out).toBe('');
  });

  it('reports an error on a later line of a file or standard input', async () => {
    const result = await run(['diff', '-'], 'q = x + y\nf = q * (z\n');
    expect(result.code).toBe(2);
    expect(result.err).toContain('this "(" is never closed (line 2, column 9 of standard input)');
  });

  it('reports an unknown function', async () => {
    const result = await run(['diff', 'sigmod(x)']);
    expect(result.code).toBe(2);
    expect(result.err).toBe('error: unknown function "sigmod" (line 1, column 1)\n  sigmod(x)\n  ^^^^^^\ndid you mean sigmoid?\n');
  });

  it('reports a wrong number of arguments', async () => {
    const result = await run(['grad', 'max(x)', '--at', 'x=1']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('error: max takes 2 arguments, but was given 1 (line 1, column 1)');
    expect(result.err).toContain('write it as max(a, b)');
  });

  it('reports a variable missing from --at', async () => {
    const result = await run(['grad', 'x*y', '--at', 'x=1']);
    expect(result.code).toBe(2);
    expect(result.err).toBe('error: no value was given for y (line 1, column 3)\n  x*y\n    ^\ngive every variable a value: --at x=1,y=…\n');
  });

  it('reports grad without a point', async () => {
    const result = await run(['grad', 'x*y']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('grad needs a point');
  });

  it('reports a value outside a function’s domain', async () => {
    const result = await run(['eval', 'log(-1)']);
    expect(result.code).toBe(2);
    expect(result.err).toBe('error: log is defined only for positive numbers (got -1) (line 1, column 1)\n  log(-1)\n  ^^^^^^^\n');
  });

  it('reports a malformed --at', async () => {
    const result = await run(['grad', 'x', '--at', 'x=1,y']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('(line 1, column 6 of --at)');
  });

  it('reports a missing file', async () => {
    const result = await run(['eval', '--file', '/nonexistent/f.txt']);
    expect(result.code).toBe(2);
    expect(result.err).toBe('error: cannot read /nonexistent/f.txt: no such file\n');
  });

  it('reports unknown options and commands', async () => {
    expect((await run(['diff', 'x', '--bogus'])).code).toBe(2);
    expect((await run(['integrate', 'x'])).code).toBe(2);
    expect((await run(['diff', 'x', '--format', 'pdf'])).err).toBe("error: option '--format <format>' argument 'pdf' is invalid. Allowed choices are text, latex, json.\n");
  });

  it('reports a missing expression', async () => {
    const result = await run(['eval']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('no expression given');
  });
});
