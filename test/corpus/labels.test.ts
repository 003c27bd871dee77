// Re-verifies every label of the derivative-claims corpus (derivatives.tsv) with mathjs, independently of chainrule:
// the corpus text is read by a small parser written here from the README's description of the syntax, translated to
// elementary mathjs expressions, differentiated by mathjs's `derivative` and compared at random points of the domain.
// A correct row must equal the true derivative at every sampled point (at least MIN_POINTS of them); an incorrect
// row must differ from it by a clear margin at some of them. chainrule itself is not imported.
import { readFileSync } from 'node:fs';
import { all, create, type MathNode } from 'mathjs';
import { describe, expect, it } from 'vitest';

// ─── The corpus ──────────────────────────────────────────────────────────────────────────────────────────────────

/** One row of derivatives.tsv. */
interface Row {
  readonly line: number;
  readonly function: string;
  readonly variable: string;
  readonly claim: string;
  readonly label: 'correct' | 'incorrect';
  readonly kind: string;
  readonly note: string;
}

const COLUMNS = ['function', 'variable', 'claim', 'label', 'kind', 'note'];
const MISTAKE_KINDS = ['sign', 'constant-factor', 'chain-rule', 'product-rule', 'quotient-rule-sign', 'power-not-decreased', 'sin-cos-swapped', 'other'];
const REWRITE_KINDS = [
  'direct', 'expanded', 'factored', 'common-denominator', 'trig-rewrite', 'exp-rewrite', 'log-rewrite', 'sigmoid-rewrite',
  'implicit-mult', 'reordered', 'power-rewrite', 'piecewise-rewrite',
];

function readCorpus(): Row[] {
  const text = readFileSync(new URL('./derivatives.tsv', import.meta.url), 'utf8');
  const lines = text.split('\n');
  expect(lines[0]!.split('\t')).toEqual(COLUMNS);
  const rows: Row[] = [];
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return;
    const cells = line.split('\t');
    expect(cells, `line ${index + 2} has ${cells.length} columns`).toHaveLength(COLUMNS.length);
    const [fn, variable, claim, label, kind, note] = cells as [string, string, string, string, string, string];
    expect(['correct', 'incorrect'], `line ${index + 2}: label ${label}`).toContain(label);
    rows.push({ line: index + 2, function: fn, variable, claim, label: label as Row['label'], kind, note });
  });
  return rows;
}

// ─── chainrule's plain syntax (as the README describes it), read into fully parenthesised mathjs text ────────────

type Token = { readonly kind: 'number' | 'name' | 'symbol'; readonly text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/^(),]))/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) throw new Error(`cannot read ${JSON.stringify(text.slice(at))} in ${JSON.stringify(text)}`);
    at = pattern.lastIndex;
    if (match[1] !== undefined) tokens.push({ kind: 'number', text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: 'name', text: match[2] });
    else tokens.push({ kind: 'symbol', text: match[3]! });
  }
  return tokens;
}

/**
 * chainrule's functions as elementary mathjs expressions that mathjs's `derivative` understands. Every kink is an
 * `abs`, so `abs` arguments are where the kinks are (see `forEvaluation`). step and sign are only used away from 0.
 */
const FUNCTIONS: Record<string, { readonly arity: readonly number[]; readonly text: (args: string[]) => string }> = {
  ...Object.fromEntries(
    ['sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'exp', 'sqrt', 'abs'].map((name) => [
      name,
      { arity: [1], text: ([u]: string[]) => `${name}(${u})` },
    ]),
  ),
  log: { arity: [1, 2], text: ([u, base]) => (base === undefined ? `log(${u})` : `(log(${u}) / log(${base}))`) },
  ln: { arity: [1], text: ([u]) => `log(${u})` },
  sigmoid: { arity: [1], text: ([u]) => `(1 / (1 + exp(-${u})))` },
  softplus: { arity: [1], text: ([u]) => `log(1 + exp(${u}))` },
  swish: { arity: [1], text: ([u]) => `(${u} / (1 + exp(-${u})))` },
  relu: { arity: [1], text: ([u]) => `((${u} + abs(${u})) / 2)` },
  leaky_relu: { arity: [1, 2], text: ([u, a = '0.01']) => `(((1 + ${a}) * ${u} + (1 - ${a}) * abs(${u})) / 2)` },
  elu: { arity: [1, 2], text: ([u, a = '1']) => `(((${u} + abs(${u})) / 2) + ${a} * (exp((${u} - abs(${u})) / 2) - 1))` },
  max: { arity: [2], text: ([p, q]) => `((${p} + ${q} + abs(${p} - ${q})) / 2)` },
  min: { arity: [2], text: ([p, q]) => `((${p} + ${q} - abs(${p} - ${q})) / 2)` },
  step: { arity: [1], text: ([u]) => `((1 + ${u} / abs(${u})) / 2)` },
  sign: { arity: [1], text: ([u]) => `(${u} / abs(${u}))` },
};

/**
 * Reads chainrule's syntax (README, "The expression language"): `+ -` < `* /` and implicit multiplication (left to
 * right, as `*`) < a sign < `^` (right-associative, its exponent may carry a sign: `x^-1`). Returns mathjs text with
 * every operation parenthesised and every product written with `*`, and the free variables.
 */
function translate(text: string): { mathjs: string; variables: Set<string> } {
  const tokens = tokenize(text);
  const variables = new Set<string>();
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const isSymbol = (symbol: string): boolean => peek()?.kind === 'symbol' && peek()!.text === symbol;
  const expectSymbol = (symbol: string): void => {
    if (!isSymbol(symbol)) throw new Error(`expected "${symbol}" at token ${at} of ${JSON.stringify(text)}`);
    at++;
  };

  const sum = (): string => {
    let left = product();
    while (isSymbol('+') || isSymbol('-')) {
      const op = tokens[at++]!.text;
      left = `(${left} ${op} ${product()})`;
    }
    return left;
  };
  const product = (): string => {
    let left = signed();
    for (;;) {
      if (isSymbol('*') || isSymbol('/')) {
        const op = tokens[at++]!.text;
        left = `(${left} ${op} ${signed()})`;
      } else if (peek() && (peek()!.kind !== 'symbol' || isSymbol('('))) {
        left = `(${left} * ${power()})`; // implicit multiplication: a factor never starts with a sign
      } else {
        return left;
      }
    }
  };
  const signed = (): string => {
    if (isSymbol('-')) {
      at++;
      return `(-${signed()})`;
    }
    if (isSymbol('+')) {
      at++;
      return signed();
    }
    return power();
  };
  const exponent = (): string => {
    if (isSymbol('-')) {
      at++;
      return `(-${exponent()})`;
    }
    if (isSymbol('+')) {
      at++;
      return exponent();
    }
    return power();
  };
  const power = (): string => {
    const base = atom();
    if (!isSymbol('^')) return base;
    at++;
    return `(${base} ^ ${exponent()})`;
  };
  const atom = (): string => {
    const token = peek();
    if (!token) throw new Error(`unexpected end of ${JSON.stringify(text)}`);
    at++;
    if (token.kind === 'number') return `(${token.text})`;
    if (token.kind === 'name') {
      // before "(", a one-letter name or a constant multiplies (`6x(x + 1)`, `e(x+1)`); a longer name is a function
      if (isSymbol('(') && !(token.text.length === 1 || token.text === 'pi')) {
        const fn = FUNCTIONS[token.text];
        if (!fn) throw new Error(`unknown function ${token.text} in ${JSON.stringify(text)}`);
        at++;
        const args = [sum()];
        while (isSymbol(',')) {
          at++;
          args.push(sum());
        }
        expectSymbol(')');
        if (!fn.arity.includes(args.length)) throw new Error(`${token.text} with ${args.length} arguments in ${JSON.stringify(text)}`);
        return `(${fn.text(args.map((arg) => `(${arg})`))})`;
      }
      if (token.text !== 'e' && token.text !== 'pi') variables.add(token.text);
      return token.text;
    }
    if (token.text === '(') {
      const inside = sum();
      expectSymbol(')');
      return `(${inside})`;
    }
    throw new Error(`unexpected "${token.text}" in ${JSON.stringify(text)}`);
  };

  const mathjs = sum();
  if (at !== tokens.length) throw new Error(`unexpected "${tokens[at]!.text}" in ${JSON.stringify(text)}`);
  return { mathjs, variables };
}

// ─── Evaluation in float64 with chainrule's domains ──────────────────────────────────────────────────────────────

const math = create(all, { predictable: true }); // NaN, not complex numbers, outside the real domain

/** The smallest |argument| of an `abs` met in the current evaluation: how close the point is to a kink. */
let kinkDistance = Infinity;
math.import({
  kink: (value: number) => {
    kinkDistance = Math.min(kinkDistance, Math.abs(value));
    return value;
  },
  realPower: (base: number, exponent: number) => Math.pow(base, exponent), // NaN for (−8)^(1/3), as chainrule's domain
});

/** The tree to evaluate: powers are real (a negative base needs an integer exponent) and kinks are recorded. */
function forEvaluation(node: MathNode): MathNode {
  return node.transform((child) => {
    if (math.isOperatorNode(child) && child.op === '^') {
      return new math.FunctionNode('realPower', child.args.map(forEvaluation));
    }
    if (math.isFunctionNode(child) && child.fn.name === 'abs') {
      return new math.FunctionNode('abs', [new math.FunctionNode('kink', child.args.map(forEvaluation))]);
    }
    return child;
  });
}

type Scope = Record<string, number>;
type Compiled = (scope: Scope) => number;

function compileForEvaluation(node: MathNode): Compiled {
  const code = forEvaluation(node).compile();
  return (scope) => {
    const value: unknown = code.evaluate({ ...scope });
    return typeof value === 'number' ? value : Number.NaN;
  };
}

/** A seeded generator (mulberry32, as src/check/random.ts; copied so that this test imports nothing from chainrule). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ─── The check of one row ────────────────────────────────────────────────────────────────────────────────────────

const WANTED_POINTS = 16;
const MIN_POINTS = 8;
const ATTEMPTS = 4000;
/** Points closer than this to a kink (an `abs` argument) are not used. */
const KINK_MARGIN = 1e-2;
/** A correct claim agrees with the true derivative to this, relative to max(1, |values|). */
const EQUAL = 1e-8;
/** An incorrect claim differs from the true derivative by more than this, relative to max(1, |values|)... */
const CLEARLY_DIFFERENT = 1e-2;
/** ...at this many of the sampled points at least. */
const MIN_DIFFERENT_POINTS = 2;
/** mathjs's derivative must agree with a central difference of the function to this (a check of the translation). */
const FINITE_DIFFERENCE = 1e-4;

interface Verdict {
  readonly points: number;
  readonly agreeing: number;
  readonly differing: number;
  readonly claimUndefined: number;
  readonly finiteDifferenceMismatches: string[];
  readonly firstDisagreement?: string;
}

const scale = (...values: number[]): number => Math.max(1, ...values.map(Math.abs));

function judge(row: Row, seed: number): Verdict {
  const fn = translate(row.function);
  const claim = translate(row.claim);
  const variables = [...new Set([row.variable, ...fn.variables])].sort();
  for (const name of claim.variables) {
    if (!variables.includes(name)) throw new Error(`line ${row.line}: the claim uses ${name}, which the function does not`);
  }
  const fnNode = math.parse(fn.mathjs);
  const f = compileForEvaluation(fnNode);
  const truth = compileForEvaluation(math.derivative(fnNode, row.variable, { simplify: false }));
  const claimed = compileForEvaluation(math.parse(claim.mathjs));

  const next = random(seed);
  let points = 0;
  let agreeing = 0;
  let differing = 0;
  let claimUndefined = 0;
  let firstDisagreement: string | undefined;
  const finiteDifferenceMismatches: string[] = [];
  for (let attempt = 0; attempt < ATTEMPTS && points < WANTED_POINTS; attempt++) {
    const scope: Scope = {};
    for (const name of variables) {
      // magnitudes from 0.01 to 10, either sign
      const range = [1, 3, 10][Math.floor(next() * 3)]!;
      const sign = next() < 0.5 ? -1 : 1;
      scope[name] = Number((sign * range * (0.01 + 0.99 * next())).toPrecision(4));
    }
    kinkDistance = Infinity;
    const value = f(scope);
    const exact = truth(scope);
    if (!Number.isFinite(value) || !Number.isFinite(exact) || kinkDistance < KINK_MARGIN) continue;
    kinkDistance = Infinity;
    const given = claimed(scope);
    if (kinkDistance < KINK_MARGIN) continue; // a kink of the claim's own (step(x), sign(x)) at this point
    points++;

    const v = scope[row.variable]!;
    const h = 1e-6 * Math.max(1, Math.abs(v));
    const central = (f({ ...scope, [row.variable]: v + h }) - f({ ...scope, [row.variable]: v - h })) / (2 * h);
    if (!(Math.abs(central - exact) <= FINITE_DIFFERENCE * scale(central, exact))) {
      finiteDifferenceMismatches.push(`${JSON.stringify(scope)}: derivative ${exact}, central difference ${central}`);
    }

    if (!Number.isFinite(given)) {
      claimUndefined++;
      firstDisagreement ??= `${JSON.stringify(scope)}: the claim is undefined, the derivative is ${exact}`;
      continue;
    }
    const difference = Math.abs(given - exact);
    if (difference <= EQUAL * scale(given, exact)) agreeing++;
    else firstDisagreement ??= `${JSON.stringify(scope)}: claim ${given}, derivative ${exact}`;
    if (difference > CLEARLY_DIFFERENT * scale(given, exact)) differing++;
  }
  return { points, agreeing, differing, claimUndefined, finiteDifferenceMismatches, firstDisagreement };
}

// ─── The tests ───────────────────────────────────────────────────────────────────────────────────────────────────

const ROWS = readCorpus();
const describeRow = (row: Row): string => `line ${row.line}: d/d${row.variable} (${row.function}) = ${row.claim} [${row.label}, ${row.kind}]`;

describe('corpus: the translation of chainrule syntax follows the README', () => {
  const value = (text: string, scope: Scope = {}): number => compileForEvaluation(math.parse(translate(text).mathjs))(scope);
  it.each([
    ['sigmoid(0.25)', {}, 0.562176500886],
    ['relu(-2) + relu(3)', {}, 3],
    ['softplus(0)', {}, Math.log(2)],
    ['swish(1)', {}, 1 / (1 + Math.exp(-1))],
    ['leaky_relu(-2, 0.1) + leaky_relu(-1) + leaky_relu(2)', {}, -0.2 - 0.01 + 2],
    ['elu(-1) + elu(-1, 2) + elu(3)', {}, 3 * (Math.exp(-1) - 1) + 3],
    ['max(2, 3) + 10 min(2, 3)', {}, 23],
    ['step(-1) + 10 step(2) + 100 sign(-3)', {}, -90],
    ['log(8, 2) + ln(e) + log(e^2)', {}, 6],
    ['2x', { x: 3 }, 6],
    ['x/2 y', { x: 3, y: 5 }, 7.5],
    ['2 x / 3 y', { x: 3, y: 5 }, 10],
    ['1/2x', { x: 3 }, 1.5],
    ['3x^2y', { x: 2, y: 5 }, 60],
    ['2^3^2', {}, 512],
    ['-x^2', { x: 3 }, -9],
    ['e^-x^2', { x: 1 }, Math.exp(-1)],
    ['x^-1', { x: 4 }, 0.25],
    ['(x+1)(x-1)', { x: 3 }, 8],
    ['2(x+1) + 3 sin(x)cos(x)', { x: 0 }, 2],
    ['2e^x', { x: 1 }, 2 * Math.E],
    ['2e-1x', { x: 10 }, 2],
    ['6x(x + 1) + e(x+1) + pi(2)', { x: 1 }, 12 + 2 * Math.E + 2 * Math.PI],
    ['.5 x', { x: 4 }, 2],
  ])('%s = %s', (text, scope, expected) => {
    expect(value(text, scope as Scope)).toBeCloseTo(expected, 10);
  });
  it('keeps to real powers: a negative base needs an integer exponent', () => {
    expect(value('(-8)^(1/3)')).toBeNaN();
    expect(value('(-2)^3')).toBe(-8);
  });
  it('rejects names that are not chainrule functions', () => {
    expect(() => translate('sec(x)')).toThrow(/unknown function sec/);
  });
});

describe('corpus: shape', () => {
  it('has at least 300 rows over at least 30 functions, every kind known and no row twice', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(300);
    const functions = new Set(ROWS.map((row) => row.function));
    expect(functions.size).toBeGreaterThanOrEqual(30);
    for (const row of ROWS) {
      expect(row.label === 'correct' ? REWRITE_KINDS : MISTAKE_KINDS, describeRow(row)).toContain(row.kind);
    }
    const keys = ROWS.map((row) => `${row.function}\t${row.variable}\t${row.claim}`);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
  });
  it('has several correct and several incorrect claims for every function', () => {
    const byFunction = new Map<string, Row[]>();
    for (const row of ROWS) byFunction.set(`${row.function} by ${row.variable}`, [...(byFunction.get(`${row.function} by ${row.variable}`) ?? []), row]);
    for (const [name, rows] of byFunction) {
      expect(rows.filter((row) => row.label === 'correct').length, name).toBeGreaterThanOrEqual(2);
      expect(rows.filter((row) => row.label === 'incorrect').length, name).toBeGreaterThanOrEqual(2);
    }
  });
  it('represents every mistake kind many times', () => {
    for (const kind of MISTAKE_KINDS) {
      expect(ROWS.filter((row) => row.kind === kind).length, kind).toBeGreaterThanOrEqual(10);
    }
  });
});

describe('corpus: labels, re-verified with mathjs', () => {
  it.each(ROWS.filter((row) => row.label === 'correct').map((row) => [describeRow(row), row] as const))(
    'correct: %s',
    (_name, row) => {
      const verdict = judge(row, row.line);
      expect(verdict.finiteDifferenceMismatches, 'mathjs derivative vs central differences').toEqual([]);
      expect(verdict.points, 'sampled points of the domain').toBeGreaterThanOrEqual(MIN_POINTS);
      expect(verdict.agreeing, verdict.firstDisagreement).toBe(verdict.points);
    },
  );
  it.each(ROWS.filter((row) => row.label === 'incorrect').map((row) => [describeRow(row), row] as const))(
    'incorrect: %s',
    (_name, row) => {
      const verdict = judge(row, row.line);
      expect(verdict.finiteDifferenceMismatches, 'mathjs derivative vs central differences').toEqual([]);
      expect(verdict.points, 'sampled points of the domain').toBeGreaterThanOrEqual(MIN_POINTS);
      expect(verdict.differing, 'points where the claim is clearly different').toBeGreaterThanOrEqual(MIN_DIFFERENT_POINTS);
    },
  );
});
