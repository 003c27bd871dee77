import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { opNamed, parse, Simplifier, printText } from '../../src/engines.js';
import { run } from './run.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('cli: diff', () => {
  it('prints readable derivatives and says they were verified', async () => {
    const result = await run(['diff', 'x^2*y/z', '--wrt', 'x,y,z']);
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      [
        'f = x^2*y/z',
        '∂f/∂x = 2*x*y/z',
        '∂f/∂y = x^2/z',
        '∂f/∂z = -x^2*y/z^2',
        '✓ verified at 5 random points: symbolic, reverse mode and finite differences agree',
        '',
      ].join('\n'),
    );
  });

  it('differentiates by every variable when --wrt is left out', async () => {
    const result = await run(['diff', 'q = x + y; f = q*z']);
    expect(result.out).toContain('∂f/∂x = z\n∂f/∂y = z\n∂f/∂z = x + y\n');
  });

  it('says which convention it used at kinks', async () => {
    const result = await run(['diff', 'relu(x) + abs(y)']);
    expect(result.out).toContain('∂f/∂x = step(x)');
    expect(result.out).toContain("note: relu'(x) = step(x), and step(0) = 0, so relu'(0) = 0");
    expect(result.out).toContain("note: abs'(x) = sign(x), and sign(0) = 0");
  });

  it('writes JSON whose derivatives chainrule parses back', async () => {
    const result = await run(['diff', 'sigmoid(w*x + b)', '--format', 'json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out) as { derivatives: Record<string, string>; latex: Record<string, string>; verified: { agree: boolean } };
    expect(Object.keys(json.derivatives)).toEqual(['w', 'x', 'b']);
    expect(json.verified.agree).toBe(true);
    for (const text of Object.values(json.derivatives)) {
      const again = parse(text);
      expect(printText(again.graph, new Simplifier(again.graph).simplify(again.output))).toBe(text);
    }
    expect(json.latex.b).toBe('\\sigma\\left(w x + b\\right) \\left(1 - \\sigma\\left(w x + b\\right)\\right)');
  });

  it('writes LaTeX', async () => {
    const result = await run(['diff', 'x^2*y/z', '--wrt', 'x', '--format', 'latex']);
    expect(result.out.split('\n').slice(0, 2)).toEqual(['f = \\frac{x^{2} y}{z}', '\\frac{\\partial f}{\\partial x} = \\frac{2 x y}{z}']);
  });

  it('names shared subexpressions when a derivative is large', async () => {
    const lines = ['u0 = x'];
    for (let i = 1; i <= 12; i++) lines.push(`u${i} = sin(u${i - 1})*u${i - 1}`);
    const result = await run(['diff', lines.join('; '), '--format', 'json']);
    const json = JSON.parse(result.out) as { derivatives: { x: string } };
    expect(json.derivatives.x.length).toBeLessThan(5000);
    expect(json.derivatives.x).toMatch(/^u1 = /);
    expect(() => parse(json.derivatives.x)).not.toThrow();
  });

  it('exits 1 and says so when the methods disagree', async () => {
    vi.spyOn(opNamed('sin'), 'vjp').mockImplementation((upstream, [x]) => [upstream * Math.sin(x!)]);
    const result = await run(['diff', 'sin(x)']);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/✗ NOT verified: at x=.* the methods disagree on ∂\/∂x/);
  });

  it('differentiates a tensor program in matrix form, shaped like what it differentiates by, and checks it', async () => {
    const result = await run(['diff', 'L = norm2(W x - y)', '--dims', 'W=4x3,x=3,y=4', '--wrt', 'W']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^∂L\/∂W = 2 \(W x − y\) xᵀ +\(4, 3\), shaped like W$/m);
    expect(result.out).toMatch(/^✓ checked at 3 random inputs of the declared sizes: .*\(36 entries\)$/m);
    const latex = await run(['diff', 'L = norm2(W x - y)', '--dims', 'W=4x3,x=3,y=4', '--wrt', 'W', '--format', 'latex']);
    expect(latex.out).toContain('\\frac{\\partial L}{\\partial W} = 2 \\left(W x - y\\right) x^\\top % (4, 3), shaped like W');
    const json = JSON.parse((await run(['diff', 'L = norm2(W x - y)', '--dims', 'W=4x3,x=3,y=4', '--format', 'json'])).out);
    expect(json.derivatives).toEqual({ W: '2 (W x − y) xᵀ', x: '2 Wᵀ (W x − y)', y: '−2 (W x − y)' });
    expect(json.shapes).toEqual({ W: [4, 3], x: [3, 1], y: [4, 1] });
    expect(json.verified.agree).toBe(true);
  });

  it('keeps the named intermediates of backprop, and gives Jacobians of a vector output in the layout asked for', async () => {
    const net = await run(['diff', 'z1 = W1 x + b1; a1 = relu(z1); z2 = W2 a1 + b2; L = cross_entropy(softmax(z2), y)', '--dims', 'W1=4x3,x=3,b1=4,W2=2x4,b2=2,y=2', '--wrt', 'W1,b1']);
    expect(net.code).toBe(0);
    expect(net.out).toContain('∂L/∂z2 = softmax(z2) − y');
    expect(net.out).toContain('∂L/∂z1 = ∂L/∂a1 ⊙ step(z1)');
    expect(net.out).toContain('∂L/∂W1 = ∂L/∂z1 xᵀ');
    const numerator = await run(['diff', 'f = tanh(W x)', '--dims', 'W=4x3,x=3', '--wrt', 'x', '--layout', 'numerator']);
    expect(numerator.out).toMatch(/^Layout: numerator/m);
    expect(numerator.out).toMatch(/^∂f\/∂x = diag\(1 − f\.\^2\) W +\(4, 3\), numerator layout$/m);
    const denominator = await run(['diff', 'f = tanh(W x)', '--dims', 'W=4x3,x=3', '--wrt', 'x', '--layout', 'denominator']);
    expect(denominator.out).toMatch(/\(3, 4\), denominator layout$/m);
    const applied = await run(['diff', 'f = tanh(W x)', '--dims', 'W=4x3,x=3', '--wrt', 'W']);
    expect(applied.out).toContain('never formed');
    expect(applied.code).toBe(0);
  });

  it('says where an op has no matrix form instead of guessing', async () => {
    const result = await run(['diff', 'L = hinge(W x, y)', '--dims', 'W=2x3,x=3,y=2', '--wrt', 'W']);
    expect(result.out).toContain('? nothing in matrix form to check');
    expect(result.out).toContain('note: ∂L/∂W goes through hinge, which has no matrix-form rule: --entries gives it entry by entry');
  });

  it('differentiates by every entry of a declared tensor with --entries, from declarations or --dims', async () => {
    const declared = await run(['diff', 'W: 2x3; x: 3; b: 2; L = sum(W x + b)', '--wrt', 'W', '--entries']);
    const given = await run(['diff', 'L = sum(W x + b)', '--dims', 'W=2x3,x=3,b=2', '--wrt', 'W', '--entries']);
    for (const result of [declared, given]) {
      expect(result.code).toBe(0);
      expect(result.out).toContain('∂L/∂W_1_1 = x_1\n∂L/∂W_1_2 = x_2\n∂L/∂W_1_3 = x_3\n∂L/∂W_2_1 = x_1');
      expect(result.out).not.toContain('∂L/∂W = 0');
    }
    const grad = await run(['grad', 'L = sum(W x + b)', '--dims', 'W=1x2,x=2,b=1', '--wrt', 'W', '--at', 'W_1_1=1,W_1_2=2,x_1=3,x_2=4,b_1=0']);
    expect(grad.out).toContain('∂L/∂W_1_1 = x_1 = 3\n∂L/∂W_1_2 = x_2 = 4');
    expect((await run(['eval', 'L = sum(W x)', '--dims', 'W=1x2,x=2', '--at', 'W_1_1=1,W_1_2=2,x_1=3,x_2=4'])).out.trim()).toBe('L = 11');
  });

  it('says when no point of the domain can be sampled', async () => {
    const result = await run(['diff', 'sqrt(-1 - x^2)']);
    expect(result.code).toBe(1);
    expect(result.out).toContain('? not verified: no point of the domain could be sampled');
  });
});

describe('cli: grad', () => {
  it('prints the value, the gradient and the three-way check', async () => {
    const result = await run(['grad', '(x + y)*z', '--at', 'x=-2,y=5,z=-4']);
    expect(result.code).toBe(0);
    const lines = result.out.trim().split('\n');
    expect(lines.slice(0, 4)).toEqual(['f = -12', '∂f/∂x = z = -4', '∂f/∂y = z = -4', '∂f/∂z = x + y = 3']);
    expect(lines[4]).toMatch(/^✓ checked three ways: symbolic, reverse mode and finite differences agree/);
  });

  it('prints the values of bindings (the forward pass)', async () => {
    const result = await run(['grad', 'q = x + y; f = q*z', '--at', 'x=-2,y=5,z=-4']);
    expect(result.out.startsWith('q = 3\nf = -12\n')).toBe(true);
  });

  it('writes the JSON the issue specifies', async () => {
    const result = await run(['grad', 'x^2*y/z', '--at', 'x=3,y=4,z=2', '--json']);
    const json = JSON.parse(result.out);
    expect(json.value).toBe(18);
    expect(json.gradient).toEqual({ x: 12, y: 4.5, z: -9 });
    expect(json.methods.symbolic).toEqual({ x: 12, y: 4.5, z: -9 });
    expect(json.methods.reverse).toEqual({ x: 12, y: 4.5, z: -9 });
    for (const [name, value] of Object.entries(json.methods.finite_difference as Record<string, number>)) {
      expect(value).toBeCloseTo(json.gradient[name], 8);
    }
    expect(json.agree).toBe(true);
  });

  it('accepts constant expressions as values', async () => {
    const result = await run(['grad', 'sin(x)', '--at', 'x=pi/2', '--json']);
    expect(JSON.parse(result.out).value).toBe(1);
  });

  it('reports finite differences as not usable on a kink', async () => {
    const result = await run(['grad', 'relu(x)', '--at', 'x=0', '--json']);
    const json = JSON.parse(result.out);
    expect(json.methods.finite_difference.x).toBeNull();
    expect(json.finite_difference_skipped.x).toMatch(/kink/);
    expect(json.agree).toBe(true);
  });

  it('exits 1 and says so where the gradient does not exist', async () => {
    const result = await run(['grad', 'sqrt(x)', '--at', 'x=0']);
    expect(result.code).toBe(1);
    expect(result.out).toContain('✗ the gradient does not exist here: ∂/∂x: the derivative is infinite at this point');
  });

  it('exits 1 and names the faulty gate when the methods disagree', async () => {
    vi.spyOn(opNamed('tanh'), 'vjp').mockImplementation((upstream) => [upstream]);
    const result = await run(['grad', 'a = tanh(x); f = a*y', '--at', 'x=0.5,y=2']);
    expect(result.code).toBe(1);
    expect(result.out).toContain('✗ the methods DISAGREE on ∂/∂x');
    expect(result.out).toContain('at tanh(x) (line 1, column 5), the local derivative by input 1');
    expect(result.out).toContain('the reverse-mode rule for tanh disagrees with finite differences');
  });
});

describe('cli: eval', () => {
  it('prints the value', async () => {
    const result = await run(['eval', 'sigmoid(0.25)']);
    expect(result).toEqual({ code: 0, out: '0.562176500886\n', err: '' });
  });

  it('prints each binding', async () => {
    const result = await run(['eval', 'q = x + y; f = q*z', '--at', 'x=-2,y=5,z=-4']);
    expect(result.out).toBe('q = 3\nf = -12\n');
  });

  it('reads standard input and files', async () => {
    expect((await run(['eval', '-'], '2^10\n')).out).toBe('1024\n');
    const dir = mkdtempSync(join(tmpdir(), 'chainrule-'));
    const file = join(dir, 'f.txt');
    writeFileSync(file, '# a comment\nq = 3\nf = q^2\n');
    expect((await run(['eval', '--file', file])).out).toBe('q = 3\nf = 9\n');
  });
});

describe('cli: every command takes its options the same way', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chainrule-options-'));
  const spec = join(dir, 'net.spec');
  writeFileSync(spec, 'input 2\ndense 2 relu\ndense 1 sigmoid\nloss bce\n');
  const claims = join(dir, 'layer.claims');
  writeFileSync(claims, 'f = x^2\ndf/dx = 2x\nsigmoid(0.25) = 0.57\n');
  const problems = join(dir, 'p.problems');
  writeFileSync(problems, 'problem p\nf = x^2\npart a: df/dx = ?\n');
  writeFileSync(join(dir, 'ada.txt'), 'df/dx = 2x\n');

  it.each([
    ['diff', 'x^2'],
    ['grad', 'x^2', '--at', 'x=3'],
    ['trace', 'x^2', '--at', 'x=3'],
    ['eval', 'x^2', '--at', 'x=3'],
    ['parse', 'x^2'],
    ['check', 'd/dx x^2 = 2x'],
    ['shapes', spec],
    ['mlp', spec],
    ['solve', problems],
    ['test', claims],
    ['grade', problems, join(dir, 'ada.txt'), '--results', join(dir, 'r.jsonl')],
  ])('%s takes --json, and prints JSON', async (...args) => {
    const result = await run([...args, '--json']);
    expect(result.err).not.toContain('unknown option');
    expect(() => JSON.parse(result.out)).not.toThrow();
  });

  it('takes --format json where --json is taken, and names the choices of --format, --layout, --init, --step and --reporter', async () => {
    expect(JSON.parse((await run(['grad', 'x^2', '--at', 'x=3', '--format', 'json'])).out).value).toBe(9);
    for (const [args, choices] of [
      [['shapes', spec, '--layout', 'diagonal'], 'denominator, numerator'],
      [['mlp', spec, '--init', 'random'], 'zeros, uniform, xavier, he'],
      [['mlp', spec, '--step', 'lion'], 'sgd, momentum, adagrad, rmsprop, adam'],
      [['test', claims, '--reporter', 'xml'], 'default, tap, junit, json'],
      [['check', 'x = x', '--format', 'yaml'], 'text, json, compact'],
    ] as const) {
      const result = await run([...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err, args.join(' ')).toContain(`Allowed choices are ${choices}.`);
    }
  });

  it('reads an expression that starts with a minus as an expression, wherever the options are', async () => {
    expect((await run(['eval', '-x', '--at', 'x=2'])).out).toBe('-2\n');
    expect((await run(['eval', '--at', 'x=2', '-x^2'])).out).toBe('-4\n');
    expect((await run(['diff', '--wtr', 'x', 'x^2'])).err).toContain("unknown option '--wtr'");
  });

  it('reads shapes from --file, and a spec named as an argument only by its extension', async () => {
    const other = join(dir, 'network');
    writeFileSync(other, 'input 3\ndense 1 linear\nloss mse\n');
    expect((await run(['shapes', '--file', other])).out).toContain('W^[1]');
    expect((await run(['shapes', spec])).code).toBe(0);
    expect((await run(['shapes', '/etc/passwd'])).code).toBe(2); // not read: an expression that cannot be parsed
  });

  it('judges numbers in test by --rtol and --atol, and draws its random points by --seed, as check does', async () => {
    expect((await run(['test', claims])).code).toBe(1);
    expect((await run(['test', claims, '--atol', '0.01'])).code).toBe(0);
    expect((await run(['test', claims, '--seed', '3', '--rtol', '0.02'])).code).toBe(0);
  });
});
