import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatError, InputError } from '../../src/errors.js';
import type { ClaimHead, ClaimLine } from '../../src/syntax/claim.js';
import { parseLatexClaimLine } from '../../src/syntax/latex.js';
import { parseClaimLine } from '../../src/syntax/parse.js';
import { reading } from '../../src/syntax/reading.js';
import type { Expr } from '../../src/syntax/tree.js';
import { inputErrorOf } from '../helpers.js';

/** An expression as a span-free S-expression: (* 2 x), (sin x), (- x). */
function sexpr(expr: Expr): string {
  switch (expr.kind) {
    case 'number':
      return expr.text;
    case 'name':
      return expr.name;
    case 'call':
      return `(${expr.name} ${expr.args.map(sexpr).join(' ')})`;
    case 'unary':
      return `(${expr.op} ${sexpr(expr.arg)})`;
    case 'binary':
      return `(${expr.op} ${sexpr(expr.left)} ${sexpr(expr.right)})`;
    case 'derivative':
      return `(d ${expr.name} / ${expr.variable})`;
    case 'differentiate':
      return `(d/d${expr.variable ?? '?'} ${sexpr(expr.expr)})`;
  }
}

function head(claim: ClaimHead): string {
  if (claim.kind === 'expression') return sexpr(claim.expr);
  const of = claim.of.kind === 'name' ? claim.of.name : sexpr(claim.of.expr);
  const parts = [`d ${of}`, claim.variable ? `/ ${claim.variable}` : '', claim.argument ? `(${sexpr(claim.argument)})` : ''];
  const at = claim.at ? ` at ${claim.at.map((b) => `${b.kind === 'bind' ? b.name : '?'}=${sexpr(b.expr)}`).join(', ')}` : '';
  return `[${parts.filter(Boolean).join(' ')}${at}]`;
}

/** A claim line without spans: `[d f / x] = (* 2 x)`. */
function show(line: ClaimLine): string {
  const steps = line.steps.map((step) => ` = ${sexpr(step)}`).join('');
  return line.kind === 'claim' ? `${head(line.head)}${steps}` : steps.trim();
}

const latex = (source: string) => show(parseLatexClaimLine(source));
const plain = (source: string) => show(parseClaimLine(source));

describe('latex: claim heads read like the plain claims grammar', () => {
  it.each([
    [String.raw`\frac{\partial f}{\partial x} = \frac{2xy}{z}`, '∂f/∂x = (2x y)/z'],
    [String.raw`\frac{df}{dx} = 2x`, 'df/dx = 2x'],
    [String.raw`\frac{d f}{d x} = 2x`, 'df/dx = 2x'],
    [String.raw`\dfrac{dy}{dt} = 3`, 'dy/dt = 3'],
    [String.raw`\frac{\mathrm{d}f}{\mathrm{d}x} = 1`, 'df/dx = 1'],
    [String.raw`\frac{\partial L}{\partial w_1} = x_1`, '∂L/∂w_1 = x_1'],
    [String.raw`\frac{\partial L}{\partial W_{12}} = \delta_1 x_2`, '∂L/∂W_12 = delta_1 x_2'],
    [String.raw`\frac{\partial L}{\partial \theta} = 2\theta`, '∂L/∂theta = 2 theta'],
    [String.raw`\frac{\partial \mathrm{loss}}{\partial w} = 1`, '∂loss/∂w = 1'],
    [String.raw`\frac{d}{dx}\left(x^2 \sin x\right) = 2x \sin x + x^2 \cos x`, 'd/dx (x^2 sin(x)) = 2x sin(x) + x^2 cos(x)'],
    [String.raw`\frac{d}{dx}(x^2) = 2x`, 'd/dx (x^2) = 2x'],
    [String.raw`\frac{\partial}{\partial x}\left(x y\right) = y`, '∂/∂x (x y) = y'],
    [String.raw`\frac{d}{dx} x^2 = 2x`, 'd/dx x^2 = 2x'],
    [String.raw`\frac{d}{dx} \sin x^2 = 2x \cos x^2`, 'd/dx sin(x^2) = 2x cos(x^2)'],
    [String.raw`\frac{d}{dx} e^{2x} = 2e^{2x}`, 'd/dx e^(2x) = 2e^(2x)'],
    [String.raw`\frac{d}{dx} f = 1`, 'd/dx f = 1'],
    ["f'(x) = 2x", "f'(x) = 2x"],
    ["f'(3) = 6", "f'(3) = 6"],
    [String.raw`f^{\prime}(x) = 2x`, "f'(x) = 2x"],
    [String.raw`f^\prime\left(x\right) = 2x`, "f'(x) = 2x"],
    [String.raw`\sigma'(z) = \sigma(z)(1 - \sigma(z))`, "sigmoid'(z) = sigmoid(z)(1 - sigmoid(z))"],
    [String.raw`\frac{df}{dx} \text{ at } x=3, y=4 = 12`, 'df/dx at x=3, y=4 = 12'],
    [String.raw`\frac{df}{dx}\Big|_{x=3} = 6`, 'df/dx at x=3 = 6'],
    [String.raw`\frac{\partial f}{\partial x}\bigg|_{x=3,\, y=4} = 12`, '∂f/∂x at x=3, y=4 = 12'],
    [String.raw`\left.\frac{d}{dx}x^2\right|_{x=3} = 6`, 'd/dx x^2 at x=3 = 6'],
    [String.raw`\frac{d}{dx}\left(x^2\right)|_{x=-1} = -2`, 'd/dx (x^2) at x=-1 = -2'],
    [String.raw`\sigma(5.7) = 0.9966`, 'sigmoid(5.7) = 0.9966'],
    [String.raw`f = \frac{x^2 y}{z}`, 'f = (x^2 y)/z'],
    [String.raw`= 2x \cdot y`, '= 2x*y'],
    [String.raw`&= 2x \sin x \\`, '= 2x sin(x)'],
    [String.raw`a = b = c`, 'a = b = c'],
    [String.raw`\sin^2 x + \cos^2 x = 1`, 'sin(x)^2 + cos(x)^2 = 1'],
    [String.raw`f(x) = x^2 \sin x`, 'f = x^2 sin(x)'],
    [String.raw`L(w, b) = (wx + b)^2`, 'L = (w x + b)^2'],
    [String.raw`\frac{d}{dx} f(x) = 2x`, 'df/dx = 2x'],
    [String.raw`x(x+1) = x^2 + x`, 'x*(x+1) = x^2 + x'],
  ])('reads %s as %s', (source, equivalent) => {
    expect(latex(source)).toBe(plain(equivalent));
  });
});

describe('latex: expressions read like the plain expression grammar', () => {
  it.each([
    // Letters multiply side by side; subscripts make names.
    ['2xy', '2x y'],
    ['x y', 'x y'],
    [String.raw`2\pi x`, '2 pi x'],
    ['x(y+1)', 'x*(y+1)'],
    ['(x+1)(x-1)', '(x+1)(x-1)'],
    ['x_1 + x_{2}', 'x_1 + x_2'],
    ['W_{12}', 'W_12'],
    ['x_{i} y_j', 'x_i y_j'],
    [String.raw`\theta_t`, 'theta_t'],
    // Greek letters and constants.
    [String.raw`\alpha \eta \lambda`, 'alpha eta lambda'],
    [String.raw`\varphi + \epsilon`, 'phi + epsilon'],
    [String.raw`\pi e^x`, 'pi e^x'],
    [String.raw`\sigma`, 'sigma'],
    [String.raw`\sigma\left(z\right)`, 'sigmoid(z)'],
    [String.raw`\sigma (z)`, 'sigmoid(z)'],
    [String.raw`\mathrm{loss}`, 'loss'],
    // Operators.
    [String.raw`a \cdot b \times c`, 'a*b*c'],
    [String.raw`a / b \div c`, 'a/b/c'],
    ['a * b', 'a*b'],
    [String.raw`\frac{a}{b}`, 'a/b'],
    [String.raw`\frac{a+1}{b} c`, '(a+1)/b c'],
    [String.raw`\frac12 x`, '1/2 x'],
    [String.raw`\frac1x`, '1/x'],
    [String.raw`\tfrac{1}{2}`, '1/2'],
    ['x - y - z', 'x - y - z'],
    ['-x^2', '-x^2'],
    ['-2x', '-2x'],
    [String.raw`a \cdot -b`, 'a * -b'],
    // Powers.
    ['x^{2}', 'x^2'],
    ['x^2y', 'x^2 y'],
    ['x^{-1}', 'x^-1'],
    ['e^{-x^2}', 'e^(-x^2)'],
    ['{x^2}^3', '(x^2)^3'],
    ['2^{3^2}', '2^3^2'],
    [String.raw`x^\alpha`, 'x^alpha'],
    ['x_1^2', 'x_1^2'],
    // Roots.
    [String.raw`\sqrt{x}`, 'sqrt(x)'],
    [String.raw`\sqrt x`, 'sqrt(x)'],
    [String.raw`\sqrt2`, 'sqrt(2)'],
    [String.raw`\sqrt[3]{x}`, 'x^(1/3)'],
    [String.raw`\sqrt{x}^3`, 'sqrt(x)^3'],
    // Functions with parentheses.
    [String.raw`\sin(x)`, 'sin(x)'],
    [String.raw`\sin\left(x\right)`, 'sin(x)'],
    [String.raw`\sin^{2}(x)`, 'sin(x)^2'],
    [String.raw`\sin(x)^2`, 'sin(x)^2'],
    [String.raw`\sin(x) y`, 'sin(x) y'],
    [String.raw`\ln(x+1)^2`, 'ln(x+1)^2'],
    [String.raw`\max(a, b)`, 'max(a, b)'],
    [String.raw`\min\left(a, b\right)`, 'min(a, b)'],
    [String.raw`\log_{10}(x)`, 'log(x, 10)'],
    [String.raw`\operatorname{relu}(x)`, 'relu(x)'],
    [String.raw`\mathrm{ReLU}(w x + b)`, 'relu(w x + b)'],
    [String.raw`\text{softplus}(x)`, 'softplus(x)'],
    [String.raw`\operatorname{leaky\_relu}(x, 0.1)`, 'leaky_relu(x, 0.1)'],
    [String.raw`\tanh\big(x\big)`, 'tanh(x)'],
    [String.raw`\operatorname{ReLU} x`, 'relu(x)'],
    [String.raw`\operatorname{sigmod}(x)`, 'sigmod(x)'],
    [String.raw`\mathrm{sigmod}(x)`, 'sigmod(x)'],
    // Functions without parentheses.
    [String.raw`\sin x`, 'sin(x)'],
    [String.raw`\sin x^2`, 'sin(x^2)'],
    [String.raw`\sin 2x`, 'sin(2x)'],
    [String.raw`\sin 2\pi x y`, 'sin(2 pi x y)'],
    [String.raw`\sin \frac{x}{2}`, 'sin(x/2)'],
    [String.raw`\sin x \cos x`, 'sin(x) cos(x)'],
    [String.raw`\sin x \cdot y`, 'sin(x)*y'],
    [String.raw`\sin x + 1`, 'sin(x) + 1'],
    [String.raw`3\sin x`, '3 sin(x)'],
    [String.raw`-\sin x`, '-sin(x)'],
    [String.raw`\sin^2 x`, 'sin(x)^2'],
    [String.raw`\ln x`, 'ln(x)'],
    [String.raw`\log x`, 'log(x)'],
    [String.raw`\log_b x`, 'log(x, b)'],
    [String.raw`\exp x`, 'exp(x)'],
    [String.raw`\ln \sin x`, 'ln(sin(x))'],
    [String.raw`\ln \sin(x)^2`, 'ln(sin(x)^2)'],
    [String.raw`\sin x \cos(y)`, 'sin(x) cos(y)'],
    [String.raw`\arcsin x + \arccos x + \arctan x`, 'asin(x) + acos(x) + atan(x)'],
    [String.raw`\sinh x \cosh x \tanh x \tan x`, 'sinh(x) cosh(x) tanh(x) tan(x)'],
    // Grouping, spacing and absolute values.
    [String.raw`\left(x+1\right)^2`, '(x+1)^2'],
    [String.raw`\left[x+1\right] y`, '(x+1) y'],
    [String.raw`\Bigl( x \Bigr) {y + 1}`, '(x) (y + 1)'],
    [String.raw`x\,y\;z\!w\ v \quad u`, 'x y z w v u'],
    [String.raw`$x^2$ % a comment`, 'x^2'],
    ['|x|', 'abs(x)'],
    [String.raw`\left| x \right|`, 'abs(x)'],
    [String.raw`\lvert x \rvert`, 'abs(x)'],
    ['2|x|', '2 abs(x)'],
    ['|a|b|c|', 'abs(a) b abs(c)'],
    ['||x|-1|', 'abs(abs(x) - 1)'],
    [String.raw`\ln|x|`, 'ln(abs(x))'],
  ])('reads %s as %s', (source, equivalent) => {
    expect(latex(`= ${source}`)).toBe(plain(`= ${equivalent}`));
  });
});

describe('latex: spans', () => {
  it('points into the LaTeX source', () => {
    const source = String.raw`\frac{d}{dx}\left(W_{12} \sin x\right) = 1`;
    const line = parseLatexClaimLine(source);
    if (line.kind !== 'claim' || line.head.kind !== 'derivative' || line.head.of.kind !== 'expression') throw new Error('expected a derivative');
    const text = (span: { offset: number; end: number }) => source.slice(span.offset, span.end);
    expect(text(line.head.span)).toBe(String.raw`\frac{d}{dx}\left(W_{12} \sin x\right)`);
    const product = line.head.of.expr;
    if (product.kind !== 'binary') throw new Error('expected a product');
    expect(text(product.span)).toBe(String.raw`\left(W_{12} \sin x\right)`);
    expect(text(product.left.span)).toBe('W_{12}');
    expect(text(product.right.span)).toBe(String.raw`\sin x`);
  });

  it('counts lines from the line number it is given', () => {
    const line = parseLatexClaimLine('= x', 7);
    expect(line.steps[0]!.span).toEqual({ offset: 2, end: 3, line: 7, col: 3 });
  });

  it('keeps a power of a function over the whole application', () => {
    const source = String.raw`= \sin^2 x`;
    const step = parseLatexClaimLine(source).steps[0]!;
    expect(source.slice(step.span.offset, step.span.end)).toBe(String.raw`\sin^2 x`);
  });
});

describe('latex: errors', () => {
  const error = (source: string, line = 1) => inputErrorOf(() => parseLatexClaimLine(source, line));

  it('points at a brace that is never closed', () => {
    expect(formatError(error(String.raw`\frac{x}{`))).toBe(
      ['error: this "{" is never closed (line 1, column 9)', String.raw`  \frac{x}{`, '          ^', 'add the missing "}"'].join('\n'),
    );
  });

  it('points at a \\left( that is never closed and names its \\right)', () => {
    const e = error(String.raw`\sin\left(x + 1`);
    expect(e.message).toBe(String.raw`this "\left(" is never closed`);
    expect(e.hint).toBe(String.raw`add the missing "\right)"`);
    expect(e.location?.span.col).toBe(5);
  });

  it('says what a function without its argument needs', () => {
    expect(formatError(error(String.raw`\sin`, 3))).toBe(
      [
        'error: the input ends too early (line 3, column 5)',
        String.raw`  \sin`,
        '      ^',
        String.raw`expected a number, a name, a function such as \sin, \frac, \sqrt, "(", "{" or "^" here`,
      ].join('\n'),
    );
  });

  it('names an unknown command', () => {
    const e = error(String.raw`\foo x`);
    expect(e.kind).toBe('syntax');
    expect(formatError(e)).toBe(
      [
        String.raw`error: unknown command \foo (line 1, column 1)`,
        String.raw`  \foo x`,
        '  ^^^^',
        String.raw`chainrule reads \frac, \sqrt, \cdot, \sin, \ln, \exp, Greek letters, \left( \right) and the like`,
      ].join('\n'),
    );
  });

  it('suggests the command a typo was meant to be', () => {
    expect(error(String.raw`x + \sinn x`).hint).toBe(String.raw`did you mean \sin?`);
    expect(error(String.raw`x + \sinn x`).location?.span.col).toBe(5);
  });

  it('says what was expected after an unexpected token, in plain words', () => {
    expect(formatError(error(String.raw`x + \cdot y`))).toBe(
      [
        String.raw`error: unexpected "\cdot" (line 1, column 5)`,
        String.raw`  x + \cdot y`,
        '      ^^^^^',
        String.raw`expected a number, a name, a function such as \sin, \frac, \sqrt, "(", "{" or a sign (- or +) here`,
      ].join('\n'),
    );
  });

  it('rejects characters LaTeX claims do not use', () => {
    const e = error('x @ y');
    expect(e.message).toBe('unexpected character "@"');
    expect(e.location?.span.col).toBe(3);
  });

  it('rejects a superscript of two digits without braces, which LaTeX shows as a power and a factor', () => {
    const e = error('= x^23');
    expect(e.message).toBe('"^" takes one character without braces, so LaTeX reads "23" as "2" followed by "3"');
    expect(e.hint).toBe('write {23} in braces');
    expect(e.location?.span.col).toBe(5);
    expect(error(String.raw`= \frac{1}23`).hint).toBe('write {23} in braces');
    expect(error(String.raw`= \sqrt 16`).hint).toBe('write {16} in braces');
  });

  it('rejects a subscript of two digits without braces', () => {
    const e = error('= x_12');
    expect(e.hint).toBe('write x_{12}');
    expect(e.location?.span).toMatchObject({ col: 3, end: 6 });
  });

  it('rejects \\sin^{-1} as ambiguous', () => {
    expect(error(String.raw`= \sin^{-1} x`).message).toMatch(/ambiguous/);
    expect(error(String.raw`= \sin^{-1} x`).hint).toMatch(/\\arcsin/);
  });

  it('reads \\frac{d}{dx} as a function without parentheses reads its argument, and rejects a form that reads two ways', () => {
    const line = parseLatexClaimLine(String.raw`\frac{d}{dx} 3x^2 = 6x`);
    if (line.kind !== 'claim' || line.head.kind !== 'derivative' || line.head.of.kind !== 'expression') throw new Error('expected a derivative');
    expect(reading(line.head.of.expr)).toBe('3*(x^2)');
    const e = error(String.raw`\frac{d}{dx}(x^2 \sin x) = \frac{d}{dx} x^2 \sin x + x^2 \cos x`);
    expect(e.message).toBe(String.raw`\frac{d}{dx} x^2 \sin x could mean \frac{d}{dx} (x^2 \sin x) or (\frac{d}{dx} x^2)·\sin x`);
    expect(e.hint).toBe(String.raw`put what \frac{d}{dx} differentiates in parentheses`);
  });

  it('explains where the argument of a function without parentheses ends', () => {
    const e = error(String.raw`= \sin x (1 + x)`);
    expect(e.message).toBe('unexpected "("');
    expect(e.hint).toBe(String.raw`\sin without parentheses applies to the factors up to here: write \sin\left(…\right) around its whole argument, or \cdot before this parenthesis`);
  });

  it('rejects derivatives of higher order, which would read as fractions', () => {
    expect(error(String.raw`\frac{d^2 f}{dx^2} = 2`).message).toBe('chainrule reads first derivatives only');
    expect(error(String.raw`\frac{\partial^2 f}{\partial x^2} = 2`).message).toBe(String.raw`\partial is not read in this form`);
  });

  it('says how to write a known command used in a form it does not read', () => {
    const e = error(String.raw`= \left\{ x \right\}`);
    expect(e.message).toBe(String.raw`\left is not read in this form`);
    expect(e.hint).toBe(String.raw`write \left( … \right), \left[ … \right] or \left| … \right|`);
  });

  it('rejects empty input', () => {
    expect(error('   ').message).toMatch(/empty/);
    expect(error('% only a comment').message).toMatch(/empty/);
  });

  it('bounds the size and the depth of the input', () => {
    expect(inputErrorOf(() => parseLatexClaimLine('= ' + 'x+'.repeat(60_000) + 'x')).kind).toBe('too-large');
    const deep = error('= ' + String.raw`\sin(`.repeat(600) + 'x' + ')'.repeat(600));
    expect(deep.kind).toBe('too-large');
    expect(deep.message).toMatch(/more than 500 operations deep here \(parentheses, powers of powers and signs count\); the limit is 500/); // found before parsing
  });
});

describe('latex: robustness', () => {
  const pieces = [
    'x', 'y', '2', '3.5', 'e', String.raw`\pi`, String.raw`\alpha`, String.raw`\sigma`, 'x_1', 'W_{12}', '+', '-', String.raw`\cdot`, '/', '^', '^{2}', '_',
    '(', ')', String.raw`\left(`, String.raw`\right)`, '[', ']', '{', '}', '|', String.raw`\left|`, String.raw`\right|`, String.raw`\frac`, String.raw`\frac{a}{b}`,
    String.raw`\sqrt`, String.raw`\sqrt[3]`, String.raw`\sin`, String.raw`\sin^2`, String.raw`\ln`, String.raw`\log_2`, String.raw`\max`, String.raw`\operatorname{relu}`,
    String.raw`\frac{d}{dx}`, String.raw`\frac{\partial f}{\partial x}`, "'", '=', ',', String.raw`\text{ at }`, String.raw`\Big|_`, String.raw`\,`, ' ', String.raw`\foo`,
  ];

  it('reads any input as exactly one syntax or rejects it with an InputError (never an ambiguity or a raw nearley error)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 14 }), (parts) => {
        const source = parts.join(' ');
        try {
          parseLatexClaimLine(source);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          expect(error.message).not.toMatch(/nearley|Syntax error at|No possible parsings/i);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads generated LaTeX expressions as exactly one syntax', () => {
    const { expr } = fc.letrec<{ expr: string; term: string; factor: string; atom: string }>((tie) => ({
      atom: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('x', 'y', '2', '0.5', 'e', String.raw`\pi`, String.raw`\alpha`, 'x_1', 'W_{12}', String.raw`\sigma`, String.raw`\frac12`),
        tie('expr').map((a) => `{${a}}`),
        fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => String.raw`\frac{${a}}{${b}}`),
        tie('expr').map((a) => String.raw`\sqrt{${a}}`),
      ),
      factor: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        tie('atom'),
        fc.tuple(tie('atom'), fc.constantFrom('2', '{3}', 'y', '{-1}')).map(([a, p]) => `${a}^${p}`),
        tie('expr').map((a) => String.raw`\left(${a}\right)`),
        tie('expr').map((a) => `|${a}|`),
        fc.tuple(fc.constantFrom(String.raw`\sin`, String.raw`\ln`, String.raw`\sin^2`, String.raw`\log_2`, String.raw`\sigma`), tie('expr')).map(([f, a]) => `${f}(${a})`),
        fc.tuple(fc.constantFrom(String.raw`\sin`, String.raw`\exp`, String.raw`\cos^{2}`), tie('atom'), tie('atom')).map(([f, a, b]) => `${f} ${a} ${b}`),
      ),
      term: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        tie('factor'),
        fc.tuple(tie('term'), fc.constantFrom(' ', String.raw` \cdot `, ' / ', String.raw` \times `), tie('factor')).map(([a, op, b]) => `${a}${op}${b}`),
      ),
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        tie('term'),
        fc.tuple(tie('expr'), fc.constantFrom(' + ', ' - '), tie('term')).map(([a, op, b]) => `${a}${op}${b}`),
        tie('term').map((a) => `-${a}`),
      ),
    }));
    let parsed = 0;
    fc.assert(
      fc.property(expr, (source) => {
        try {
          parseLatexClaimLine(`f = ${source}`);
          parsed++;
        } catch (error) {
          // Side by side after a function without parentheses, a parenthesis is an error by design.
          if (!(error instanceof InputError)) throw error;
        }
      }),
      { numRuns: 800 },
    );
    expect(parsed).toBeGreaterThan(300);
  });

  it('reads the LaTeX that chainrule prints back to the same syntax', () => {
    // As src/symbolic/print.ts writes it: \left( \right), \cdot before numbers, \operatorname, \mathrm names, x_{1}.
    expect(latex(String.raw`= \frac{2 x y}{z} + \sigma\left(x\right) \left(1 - \sigma\left(x\right)\right) + \operatorname{step}\left(w_{1}\right) \cdot 2 + \mathrm{q}^{2}`)).toBe(
      plain('= (2x y)/z + sigmoid(x) (1 - sigmoid(x)) + step(w_1) * 2 + q^2'),
    );
  });
});
