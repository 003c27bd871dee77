// @ts-check
// Grammar fuzzing: fast-check arbitraries for claims texts, problem files, submissions and expressions, built from
// token alphabets that hit the grammars (plain claims, LaTeX, Unicode, problem-file syntax) and from README example
// lines mutated token by token. Plain JavaScript, so that both the vitest suite (test/fuzz/grammars.test.ts) and the
// long-run script (test/fuzz/long-run.mjs, on dist/) use the same generators; types in arbitraries.d.mts.
import fc from 'fast-check';

// ─── Token alphabets ─────────────────────────────────────────────────────────────────────────────────────────────

/** Plain claim syntax: derivative operators, punctuation, points, numbers, names, functions, shape declarations. */
export const PLAIN_TOKENS = [
  'd/dx', 'd/dy', 'd/dw', 'df/dx', 'df/dy', 'dL/dw', 'dL/dW', 'dy/dx', '∂f/∂x', '∂/∂x', '∂L/∂w', 'd(', ')/dx',
  '=', '=', '(', ')', '(', ')', '[', ']', '|', '^', '*', '/', '+', '-', "'", ' at ', 'at', 'x=', 'y=', 'x =', ',', ';',
  '0', '1', '2', '3', '0.5', '.5', '12', '-1', '1e308', '1e-320', '2^1e9', '1e9', '10^20', '0.333333333333333', '1/3',
  'x', 'y', 'z', 'w', 'a', 'b', 'f', 'L', 'W', 'e', 'pi', 'xy', 'wx', 'x1', 'W_1',
  'sin', 'cos', 'exp', 'log', 'sqrt', 'sigmoid', 'relu', 'tanh', 'floor', 'abs', 'max(', 'log(', 'sin(', 'exp(',
  'sum(', 'x: 3', 'W: 2x3', 'W: 4x3; x: 3; y: 4', 'norm2(', "f'(x)", "f'(", 'f(x)', 'g(x, y)', "sigmoid'(", '= ?',
  '#', ' ', ' ', '  ',
];

/** LaTeX: commands, braces, align-environment punctuation. */
export const LATEX_TOKENS = [
  '\\frac{', '}', '{', '}{', '\\partial', '\\sigma', '\\left(', '\\right)', '\\cdot', '^{', '_{', '\\hat{y}', '&', '\\\\', '$',
  '\\frac{d}{dx}', '\\frac{\\partial f}{\\partial x}', '\\frac{df}{dx}', '\\sin', '\\cos', '\\ln', '\\log_', '\\exp',
  '\\sqrt{', '\\sqrt[', '\\Big|_{', '|_{x=3}', '\\text{ at }', '\\times', '\\left|', '\\right|', '\\left.', '\\mathrm{',
  '\\operatorname{', '\\alpha', '\\pi', '\\,', '\\quad', '\\(', '\\)', '%', '\\sigma\'(', '\\frac12', '\\sin^2', '\\sin^{-1}',
  'x', 'y', '2', '=', ' ',
];

/** Unicode as it comes from slides and word processors, and the line endings and odd characters of real files. */
export const UNICODE_TOKENS = [
  '·', '×', '−', '÷', '²', '³', '⁻¹', '¹⁰', '√', 'ŷ', 'σ', 'π', '≈', '≤', '∞', '∑', 'ᵀ', '₂', 'w₂',
  '\u2028', '\u2029', '\uFEFF', '\0', '\r', '\r\n', '\n', '\t', '\u00A0', '\u200B', '😀', '\uD800', 'é', 'ﬁ',
];

/** Problem-file syntax. */
export const PROBLEM_TOKENS = [
  'problem p', 'problem q "A title"', 'problem', 'part a (2 points):', 'part b (1 point):', 'part a:', 'part p.a',
  'part', '(2 points)', ':', '= ?', '(printed 0.305)', 'credit a: 1, 2', 'credit a:', 'credit', 'at x=1, y=2', '"',
  '\n', '# student: Ada',
];

/** Every token. */
export const ALL_TOKENS = [...PLAIN_TOKENS, ...LATEX_TOKENS, ...UNICODE_TOKENS, ...PROBLEM_TOKENS];

/** Tokens of the expression language alone (for `parse`). */
export const EXPRESSION_TOKENS = PLAIN_TOKENS.filter((token) => !/[=:;#?]|^d|∂|'/.test(token)).concat(['·', '×', '−', '²', '√', 'σ', 'π', '⁻¹', "'"]);

// ─── Valid lines, from the README's examples ─────────────────────────────────────────────────────────────────────

/** Claim lines from README.md (Claims, Identities, check, test, the LaTeX examples). */
export const CLAIM_LINES = [
  'f = x^2*y/z',
  'df/dx = 2*x*y/z',
  '∂f/∂z = x^2*y/z^2',
  'd/dx sin(x^2) = cos(x^2)',
  'd/dx (x^2 + 1)^3 = 3(x^2 + 1)^2 * 2x',
  '  = 6x(x^2 + 1)^2',
  '  = 6x^5 + 12x^3 + 5x',
  '\\frac{d}{dx}\\left(x^2 \\sin x\\right) = 2x \\sin x + x^2 \\cos x',
  'sigmoid(0.25) = 0.56',
  'sigmoid(0.25) = 0.57',
  'g(x, y) = x*y',
  'd/dx (g(x, 2x)) = 4x',
  'g(1, 2) = 2',
  'f(x) = x^2 sin(x)',
  "f'(2) = 4 sin(2) + 4 cos(2)",
  "d/dx (f'(x)) = 2 sin x + 4x cos x - x^2 sin x",
  'd/dx (sin x^2) = 2x cos(x^2)',
  '-x^2 = -(x^2)',
  'z = w*x + b',
  'L = (y - sigmoid(z))^2/2',
  'dL/dw = -(y - sigmoid(z)) sigmoid(z)(1 - sigmoid(z)) x',
  'dL/db = (y - sigmoid(z)) sigmoid(z)(1 - sigmoid(z))',
  'df/dx at x=-2, y=5, z=-4 = -4',
  '\\frac{\\partial f}{\\partial z} = x + y',
  'sin(2x) = 2 sin(x) cos(x)',
  '\\frac{x^2 - 9}{x - 3} = x + 3',
  'x = sqrt(x^2)',
  'abs(x + 1000) - 1000 = abs(x + 1001) - 1001',
  '(a^b)^c = a^(b c)',
  'sqrt(x - 3)·sqrt(x − 5) = sqrt((x - 3)(x - 5))',
  '0.333333333333333 = 1/3',
  '0.333333333333333 x^2 = x^2/3',
  'sin(7π) = 0',
  'd/dx (x^2 sin x) = d/dx x^2 sin x + x^2 cos x',
  'L = (y - w*x)^2',
  'dL/dw = -2x(y - wx)',
  'd/dy (x^3 + 3x y^2 - y^3) = 6xy - 3y^2',
  '∂/∂w (y − σ(wx + b))² = -2(y - σ(wx + b)) σ(wx + b)(1 - σ(wx + b)) x',
  'df/dx at x=3, y=4, z=2 = 12',
  'f at x=2 = 4',
  'w - 0.1*dL/dw at w=2, x=3, y=10 = 4.4',
  'sin(x) at x = pi/4 = sqrt(2)/2',
  '-(log(0.7) + log(0.6) + log(0.3))/3 = 0.691',
  'sigmoid(5.7) = 0.9967',
  "f'(x) + 1 = 3x^2 + 1",
  "sigmoid'(0) + 1 = 1.25",
  '= d/dx (x^2) sin x + x^2 d/dx (sin x)',
  "= (x^2)' sin x + x^2 (sin x)'",
  'd(x^2)/dx = 2x',
  "(x^2)' = 2x",
  'd/dx 3x^2 = 6x',
  'd/dx cos^3(2x) = -6 cos^2(2x) sin(2x)',
  'd/dx x^4 - 3x^2 = 4x^3 - 6x',
  'q = x + y',
  'dL/da = a - y',
  'dL/dz = (a - y)*a*(1 - a)',
  '\\frac{d}{dx}(w x^3) = 3w x^2',
  '= 3wx^2',
  '&= 2x \\\\',
  '\\frac{df}{dx}\\Big|_{x=3} = 6',
  '\\sigma(5.7) = 0.9966',
  '\\frac{d}{dx} \\ln(x^2+1) = \\frac{2x}{x^2+1}',
  'd/dx (x^2*sin(x)) = x(2 sin(x) + x cos(x))',
  'd/dx ((x + 1)/(x - 1)) = -2/(x - 1)^2',
  '|a|b|c| = |a|*b*|c|',
  'e^-x^2 = e^(-(x^2))',
  'x^-2x = x^(-2)*x',
  '2^3^2 = 512',
  'cbrt(-8) = -2',
  'sin(500*pi) = 0',
  'log(x^2) = 2*log(x)',
];

/** Matrix claims (a tensor claims file), from the README. */
export const MATRIX_LINES = ['W: 4x3; x: 3; y: 4', 'L = norm2(W x - y)', "dL/dW = 2 x (W x - y)'", "dL/dW = 2 (W x - y) x'", "dL/dx = 2 W' (W x - y)"];

/**
 * Valid problems (from the README and problems/seeds.problems), each with answers a student could hand in (right,
 * wrong, in plain syntax and LaTeX); a problem file joins some of them.
 */
export const PROBLEMS = [
  {
    lines: ['problem gate "Backpropagation through f = (x + y)z"', 'f = (x + y)*z', 'part a (2 points): df/dx = ?; df/dz = ?', 'part b (1 point): df/dx at x=-2, y=5, z=-4 = ?'],
    answers: ['df/dx = z', '\\frac{\\partial f}{\\partial z} = x + y', 'df/dx at x=-2, y=5, z=-4 = -4', 'df/dz = x', 'd/dx ((x + y)*z) = z', 'part gate.a', 'part b'],
  },
  {
    lines: [
      'problem descent "One gradient-descent step on L(w) = (y - wx)²"',
      'L = (y - w*x)^2',
      'at w=2, x=3, y=10',
      'part a (2 points): dL/dw = -2*x*(y - w*x); dL/dw at w=2, x=3, y=10 = -24',
      'part b (1 point): w - 0.1*dL/dw at w=2, x=3, y=10 = 4.4',
      'credit a: 1, 1',
    ],
    answers: ['dL/dw = -2x(y - w x)', 'dL/dw = -2x(y - wx)', 'dL/dw at w=2, x=3, y=10 = -24', 'w - 0.1*dL/dw at w=2, x=3, y=10 = 4.4', '\\frac{\\partial L}{\\partial w} = -2x(y - wx)', '  = 2wx^2 - 2xy'],
  },
  {
    lines: [
      'problem neuron "One neuron: z = wx + b, a = σ(z), L = ½(y − a)²"',
      'z = w*x + b',
      'a = sigmoid(z)',
      'L = 1/2*(y - a)^2',
      'part a (2 points): z at w=0.3, x=0.5, b=0.1 = 0.25; a at w=0.3, x=0.5, b=0.1 = ? (printed 0.56)',
      'part c (2 points): dL/dw = -(y - a)*a*(1 - a)*x; dL/db = -(y - a)*a*(1 - a)',
      'part d (2 points): dL/dw at w=0.3, x=0.5, b=0.1, y=1.5 = ?',
    ],
    answers: ['a at w=0.3, x=0.5, b=0.1 = 0.56', 'dL/dw = dL/da * da/dz * dz/dw', 'dL/db = (a - y) a (1 - a)', 'dL/dw = -(y - σ(z)) σ(z)(1 − σ(z)) x', 'dL/da = a - y', 'dL/dw at w=0.3, x=0.5, b=0.1, y=1.5 = -0.1162'],
  },
  {
    lines: ['problem sigmoid_derivative', 'g = 1/(1 + exp(-z))', 'part a (2 points): dg/dz = g*(1 - g)', 'part b (1 point): g at z=5.7 = ? (printed 0.9966)', 'part c (2 points): dg/dz at z=0 = 0.25; dg/dz at z=5.7 = ?'],
    answers: ['dg/dz = g(1 - g)', "dg/dz = sigmoid'(z)", '\\frac{dg}{dz}\\Big|_{z=0} = \\frac{1}{4}', 'g at z=5.7 = 0.9966', 'dg/dz at z=5.7 = 0.0033'],
  },
  {
    lines: ['problem quotient', 'v = x^2', 'u = v*y', 'f = u/z', 'part a (3 points): df/dx = 2*x*y/z; df/dy = v/z; df/dz = -u/z^2', 'part b: df/dz at x=3, y=4, z=2 = -9'],
    answers: ['df/dz = -x^2 y/z^2', 'df/dz = -u/z^2', '= -v y/z^2', 'df/dx = 2xy/z', 'df/dy = x^2/z', 'df/dz at x=3, y=4, z=2 = -9'],
  },
];

/** Problem-file lines (every problem's). */
export const PROBLEM_LINES = [...PROBLEMS.flatMap((problem) => problem.lines), 'part c: sigmoid(0.25) = ? (printed 0.56)', 'credit a: 3, 1'];

/** Submission lines: every problem's answers, headers, and headers for no problem. */
export const SUBMISSION_LINES = [
  ...PROBLEMS.flatMap((problem) => problem.answers),
  ...PROBLEMS.map((problem) => /** @type {string} */ (problem.lines[0]).replace(/ ".*/, '')),
  '# student: Ada',
  'part zzz',
  'problem nothing',
];

/** Expressions from "The expression language". */
export const EXPRESSION_LINES = [
  'x^2*sin(x)', '3', '0.25', '.5', '1e-3', '2e3', '2*e^3', 'W_1 + alpha*eta', '[x^2 + 1]^3', '|x - 1|', '||x| - 1|', '|a|b|c|',
  '2^3^2', '-x^2', '-x*y', 'x^-1', 'x^-2x', 'e^-x^2', '2x', '2(x+1)', '(x+1)(x-1)', '3 sin(x)', 'x y', '6x(x + 1)', 'e(x+1)',
  'log(x, b)', 'leaky_relu(x, a)', 'elu(x, a)', 'max(a, b)', 'clip(x, 0, 1)', 'maxout(a, b, x)', 'nthRoot(x, 3)', 'atan2(y, x)',
  'x² + x³ - x⁻¹', '√(x+1) + 2√x', 'σ(x)·π × x − 1', 'sin x^2', 'sin 2x', 'sin^2 x', '2 sin x cos x', 'cos^2(2x) sin(2x)',
  'x³·cos x', '2 tan x · sec²x', '-csc x cot x', 'sin^-1 x', 'gelu(x) + mish(x) + erf(x)', 'hypot(a, b)',
];

// ─── Generators ──────────────────────────────────────────────────────────────────────────────────────────────────

/** Splits a line into tokens: LaTeX commands, numbers, names, runs of spaces, single characters. */
export function tokenize(/** @type {string} */ line) {
  return line.match(/\\[A-Za-z]+|\d+(?:\.\d+)?(?:e-?\d+)?|[A-Za-z_][A-Za-z0-9_]*|\s+|[^]/gu) ?? [];
}

/**
 * A line of random tokens from an alphabet, joined by nothing or a space.
 * @param {readonly string[]} tokens
 * @param {number} maxTokens
 * @returns {fc.Arbitrary<string>}
 */
export function tokenLine(tokens, maxTokens = 16) {
  return fc.array(fc.tuple(fc.constantFrom(...tokens), fc.constantFrom('', '', ' ')), { maxLength: maxTokens }).map((parts) => parts.map(([token, gap]) => token + gap).join(''));
}

/** Numbers as fast-check writes doubles and integers (NaN, Infinity, -0, 5e-324, 1.7976931348623157e+308 …). */
export const numberText = fc.oneof(
  fc.double().map(String),
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.constantFrom('1e308', '1e-320', '2^1e9', '1e400', '0.1', '9007199254740993', '1e-7', '10^-300', '1.0', '0.30000000000000004'),
);

/** A mutation of a line: insert, delete, duplicate, swap or replace a token. */
const mutation = fc.record({
  op: fc.constantFrom('insert', 'delete', 'duplicate', 'swap', 'replace', 'number'),
  at: fc.nat(),
  span: fc.integer({ min: 1, max: 4 }),
  token: fc.constantFrom(...ALL_TOKENS),
  number: numberText,
});

/**
 * Applies mutations to a line's tokens.
 * @param {string} line
 * @param {readonly { op: string; at: number; span: number; token: string; number: string }[]} mutations
 */
export function mutate(line, mutations) {
  const tokens = tokenize(line);
  for (const { op, at, span, token, number } of mutations) {
    const i = tokens.length === 0 ? 0 : at % tokens.length;
    if (op === 'insert' || tokens.length === 0) tokens.splice(i, 0, token);
    else if (op === 'delete') tokens.splice(i, span);
    else if (op === 'duplicate') tokens.splice(i, 0, ...tokens.slice(i, i + span));
    else if (op === 'swap') {
      const j = (i + span) % tokens.length;
      [tokens[i], tokens[j]] = [/** @type {string} */ (tokens[j]), /** @type {string} */ (tokens[i])];
    } else if (op === 'replace') tokens[i] = token;
    else {
      // a number replaced by an odd one, or inserted
      const k = tokens.findIndex((t, index) => index >= i && /^\d/.test(t));
      if (k >= 0) tokens[k] = number;
      else tokens.splice(i, 0, number);
    }
  }
  return tokens.join('');
}

/**
 * Valid lines, mutated by one to four token edits.
 * @param {readonly string[]} lines
 * @returns {fc.Arbitrary<string>}
 */
export function mutatedLine(lines) {
  return fc.tuple(fc.constantFrom(...lines), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([line, mutations]) => mutate(line, mutations));
}

/**
 * Deep nesting and long repetition: parentheses, bars, braces, powers, signs and function calls a few hundred deep
 * (around the 200-level depth bound), which recursive code and ambiguous grammars find hard.
 * @param {number} maxDepth
 * @returns {fc.Arbitrary<string>}
 */
export function nested(maxDepth) {
  const wrappers = [
    ['(', ')'], ['[', ']'], ['|', '|'], ['sin(', ')'], ['sqrt(', ')'], ['\\left(', '\\right)'], ['\\frac{1}{', '}'], ['{', '}'],
    ['\\sqrt{', '}'], ['-', ''], ['−', ''], ['√', ''], ['x^', ''], ['2^', ''], ['e^(', ')'], ['d/dx (', ')'], ['x*(', ')'], ['\\sin ', ''],
    ['(x+', ')'], ['σ(', ')'], ["(", ")'"], ['x^{', '}'], ['exp(', ')'],
  ];
  return fc
    .tuple(
      fc.array(fc.constantFrom(...wrappers), { minLength: 1, maxLength: 3 }),
      fc.integer({ min: 1, max: maxDepth }),
      fc.constantFrom('x', '2', 'x^2', 'x y', '1e308'),
      fc.constantFrom('', ' = 1', ' = 2x', 'd/dx ', 'f = '),
      fc.boolean(),
    )
    .map(([kinds, depth, core, around, unbalanced]) => {
      let open = '';
      let close = '';
      for (let i = 0; i < depth; i++) {
        const [l, r] = /** @type {string[]} */ (kinds[i % kinds.length]);
        open += l;
        close = r + close;
      }
      const body = open + core + (unbalanced ? close.slice(1) : close);
      return around.endsWith(' ') ? around + body + ' = 1' : body + around;
    });
}

/**
 * Long lines: one token repeated (near the 5,000-character line bound), and long sums and products.
 * @param {number} maxRepeat
 * @returns {fc.Arbitrary<string>}
 */
export function repeated(maxRepeat) {
  return fc
    .tuple(fc.constantFrom('x', 'x+', 'x*', 'x^', '-', '(', ')', '|', '2', 'x ', 'sin ', '\\frac{', '{', '}', '=', 'd/dx ', "'", '²', '\\\\', '&', 'xy'), fc.integer({ min: 1, max: maxRepeat }), fc.constantFrom('', 'x', ' = 1', 'd/dx '))
    .map(([token, count, tail]) => (tail === 'd/dx ' ? tail : '') + token.repeat(count) + (tail === 'd/dx ' ? ' = 1' : tail));
}

/** Line separators a file can have. */
const separator = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r', '\u2028');

/**
 * @typedef {{ maxDepth: number; maxRepeat: number; maxLines: number }} Sizes
 * @type {Sizes}
 */
export const CI_SIZES = { maxDepth: 260, maxRepeat: 300, maxLines: 6 };

/**
 * One claims line, of any kind.
 * @param {Sizes} sizes
 * @returns {fc.Arbitrary<string>}
 */
export function claimLine(sizes = CI_SIZES) {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...CLAIM_LINES), weight: 2 },
    { arbitrary: mutatedLine(CLAIM_LINES), weight: 8 },
    { arbitrary: tokenLine(PLAIN_TOKENS), weight: 4 },
    { arbitrary: tokenLine([...PLAIN_TOKENS, ...UNICODE_TOKENS]), weight: 2 },
    { arbitrary: tokenLine([...LATEX_TOKENS, ...PLAIN_TOKENS]), weight: 3 },
    { arbitrary: tokenLine(ALL_TOKENS), weight: 2 },
    { arbitrary: nested(sizes.maxDepth), weight: 1 },
    { arbitrary: repeated(sizes.maxRepeat), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
  );
}

/**
 * Joins lines with random line separators, sometimes after a byte order mark.
 * @param {fc.Arbitrary<string>} line
 * @param {number} maxLines
 * @returns {fc.Arbitrary<string>}
 */
export function textOf(line, maxLines) {
  return fc
    .tuple(fc.constantFrom('', '', '', '\uFEFF'), fc.array(fc.tuple(line, separator), { minLength: 1, maxLength: maxLines }))
    .map(([bom, lines]) => bom + lines.map(([text, sep], i) => (i === lines.length - 1 ? text : text + sep)).join(''));
}

/**
 * A claims text: a few claim lines; a valid definition often comes first so that df/dx and the like have a subject.
 * @param {Sizes} sizes
 * @returns {fc.Arbitrary<string>}
 */
export function claimsText(sizes = CI_SIZES) {
  return fc.oneof(
    { arbitrary: textOf(claimLine(sizes), sizes.maxLines), weight: 6 },
    {
      arbitrary: fc.tuple(fc.constantFrom('f = x^2*y/z', 'L = (y - w*x)^2', 'z = w*x + b\na = sigmoid(z)\nL = (y - a)^2/2', 'f(x) = x^2 sin(x)', 'g(x, y) = x*y'), textOf(claimLine(sizes), sizes.maxLines)).map(([given, rest]) => `${given}\n${rest}`),
      weight: 3,
    },
    { arbitrary: textOf(fc.oneof(fc.constantFrom(...MATRIX_LINES), mutatedLine(MATRIX_LINES), tokenLine(PLAIN_TOKENS, 10)), 5), weight: 1 },
  );
}

/**
 * A problem file and a submission for it. Mostly valid problems with a line or two mutated, replaced or put in (so
 * that many files are read and submissions get graded against them), and a submission of those problems' answers
 * (under their headers, mutated, or any claim line); sometimes lines of problem syntax at random.
 * @param {Sizes} sizes
 * @returns {fc.Arbitrary<[problems: string, submission: string]>}
 */
export function problemAndSubmission(sizes = CI_SIZES) {
  const edit = fc.tuple(
    fc.nat(),
    fc.oneof(mutatedLine(PROBLEM_LINES), fc.tuple(fc.constantFrom('part a: ', 'part z (2 points): ', 'f = ', 'L = ', ''), claimLine(sizes)).map(([a, b]) => a + b), tokenLine(PROBLEM_TOKENS, 4)),
    fc.boolean(),
  );
  const edited = fc.tuple(fc.subarray(PROBLEMS, { minLength: 1, maxLength: 3 }), fc.oneof({ arbitrary: fc.constant([]), weight: 2 }, { arbitrary: fc.array(edit, { minLength: 1, maxLength: 2 }), weight: 1 }), separator).chain(([problems, edits, sep]) => {
    const lines = problems.flatMap((problem) => problem.lines);
    for (const [at, line, replace] of edits) lines.splice(at % (lines.length + 1), replace ? 1 : 0, line);
    const headers = problems.map((problem) => /** @type {string} */ (problem.lines[0]).replace(/ ".*/, ''));
    const answers = problems.flatMap((problem) => problem.answers);
    const answerLine = fc.oneof(
      { arbitrary: fc.constantFrom(...answers), weight: 6 },
      { arbitrary: fc.constantFrom(...headers), weight: 3 },
      { arbitrary: mutatedLine(answers), weight: 3 },
      { arbitrary: fc.constantFrom(...SUBMISSION_LINES), weight: 1 },
      { arbitrary: claimLine(sizes), weight: 2 },
    );
    return fc.tuple(fc.constant(lines.join(sep)), textOf(answerLine, sizes.maxLines + 4));
  });
  return fc.oneof({ arbitrary: edited, weight: 3 }, { arbitrary: fc.tuple(problemText(sizes), submissionText(sizes)), weight: 1 });
}

/**
 * A problem file of lines of problem syntax, valid, mutated or random (most cannot be read).
 * @param {Sizes} sizes
 * @returns {fc.Arbitrary<string>}
 */
export function problemText(sizes = CI_SIZES) {
  const line = fc.oneof(
    { arbitrary: fc.constantFrom(...PROBLEM_LINES), weight: 5 },
    { arbitrary: mutatedLine(PROBLEM_LINES), weight: 5 },
    { arbitrary: tokenLine([...PROBLEM_TOKENS, ...PLAIN_TOKENS], 12), weight: 2 },
    { arbitrary: fc.tuple(fc.constantFrom('part a: ', 'part b (2 points): ', 'f = ', ''), claimLine(sizes)).map(([a, b]) => a + b), weight: 2 },
    { arbitrary: tokenLine(ALL_TOKENS, 10), weight: 1 },
  );
  return fc.tuple(fc.constantFrom('problem p\n', 'problem gate "Backpropagation"\nf = (x + y)*z\n', 'problem descent\nL = (y - w*x)^2\n', ''), textOf(line, sizes.maxLines)).map(([start, rest]) => start + rest);
}

/**
 * A student's submission for any problem: submission lines and headers, valid, mutated or random.
 * @param {Sizes} sizes
 * @returns {fc.Arbitrary<string>}
 */
export function submissionText(sizes = CI_SIZES) {
  const line = fc.oneof(
    { arbitrary: fc.constantFrom(...SUBMISSION_LINES), weight: 4 },
    { arbitrary: mutatedLine(SUBMISSION_LINES), weight: 4 },
    { arbitrary: claimLine(sizes), weight: 3 },
  );
  return textOf(line, sizes.maxLines);
}

/**
 * An expression for `parse`.
 * @param {Sizes} sizes
 * @returns {fc.Arbitrary<string>}
 */
export function expressionText(sizes = CI_SIZES) {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...EXPRESSION_LINES), weight: 1 },
    { arbitrary: mutatedLine(EXPRESSION_LINES), weight: 6 },
    { arbitrary: tokenLine(EXPRESSION_TOKENS, 20), weight: 4 },
    { arbitrary: tokenLine(ALL_TOKENS, 12), weight: 2 },
    { arbitrary: nested(sizes.maxDepth), weight: 1 },
    { arbitrary: repeated(sizes.maxRepeat), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
  );
}
