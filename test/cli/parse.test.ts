import { describe, expect, it } from 'vitest';
import { run } from './run.js';

describe('cli: parse', () => {
  it('prints the fully parenthesised reading, one line per statement', async () => {
    const result = await run(['parse', 'q = x·y; f = √q ÷ 2 + x²']);
    expect(result).toEqual({ code: 0, out: 'q = x*y\nf = (sqrt(q)/2)+(x^2)\n', err: '' });
  });

  it('prints each warning on standard error with its line and column', async () => {
    const result = await run(['parse', '1/2x + sin x^2']);
    expect(result.code).toBe(0);
    expect(result.out).toBe('((1/2)*x)+sin(x^2)\n');
    expect(result.err).toBe(
      [
        'warning: read 1/2x as (1/2)·x; write 1/(2x) if you meant to divide by the whole product (line 1, column 1)',
        'warning: read sin x^2 as sin(x^2); write sin(x)^2 to say otherwise (line 1, column 8)',
        '',
      ].join('\n'),
    );
  });

  it('gives the syntax tree and the warnings with --json', async () => {
    const result = await run(['parse', '2^3^2', '--json']);
    const json = JSON.parse(result.out) as { statements: { kind: string; expr: { kind: string; op: string; right: { op: string } } }[]; warnings: { message: string; span: { line: number; col: number } }[] };
    expect(json.statements[0]).toMatchObject({ kind: 'expr', expr: { kind: 'binary', op: '^', right: { op: '^' } } });
    expect(json.warnings[0]).toMatchObject({ message: 'read 2^3^2 as 2^(3^2); write (2^3)^2 if you meant the other grouping', span: { line: 1, col: 1 } });
  });

  it('reports syntax errors and unknown functions as every command does', async () => {
    expect(await run(['parse', 'x ≤ 1'])).toMatchObject({ code: 2, out: '' });
    const unknown = await run(['parse', 'sinn(x)']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('did you mean sin or sinh?');
  });

  it('leaves the standard output of other commands unchanged and warns on standard error', async () => {
    const result = await run(['eval', '1/2x', '--at', 'x=3']);
    expect(result.out).toBe('1.5\n');
    expect(result.err).toBe('warning: read 1/2x as (1/2)·x; write 1/(2x) if you meant to divide by the whole product (line 1, column 1)\n');
    const diff = await run(['diff', '2^3^2*x']);
    expect(diff.code).toBe(0);
    expect(diff.err).toContain('warning: read 2^3^2 as 2^(3^2)');
    expect(diff.out).toBe((await run(['diff', '2^(3^2)*x'])).out.replace('2^(3^2)*x', '2^3^2*x'));
  });
});
