/** The tokenizer shared by the grammars: moo, with blanks and comments dropped. */
import moo from 'moo';

// π is the constant pi, σ the sigmoid and the other Greek letters their names (nameNode spells them)
const NAME = /(?:[A-Za-z_][A-Za-z0-9_]*|[α-ωΓΔΘΛΞΦΨΩ]|ŷ)[₀-₉]*/; // not Σ or Π: a sum and a product over an index; w₂ is w_2

/** Rules that go before all others (blanks and comments are still skipped first). */
const LEADING: moo.Rules = {
  blank: /[ \t\r]+/,
  comment: /#[^\n]*/,
  newline: { match: /\n/, lineBreaks: true },
};

/** Token rules of expressions. */
const EXPRESSION: moo.Rules = {
  number: /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/,
  // a name of two or more letters (but not pi) before "(" calls a function; x(…) and e(…) multiply
  // σ( calls sigmoid (callNode spells it sigmoid)
  call: new RegExp(`(?!pi\\b)[A-Za-z_][A-Za-z0-9_]+(?=[ \\t]*\\()|σ(?=[ \\t]*\\()`),
  name: NAME,
  plus: '+',
  // the Unicode forms of slides and word processors: − (minus sign), × and · (times), ÷; tree.ts spells them - * /
  minus: ['-', '−'],
  times: ['*', '×', '·'],
  divide: ['/', '÷'],
  power: '^',
  // x², x³, x⁻¹: a power with a literal exponent
  superscript: /[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+/,
  // √x, √(x+1): the square root of what follows
  root: '√',
  lparen: '(',
  rparen: ')',
  // [x^2] groups as (x^2) does; |x| is abs(x) (the lexer tells an opening bar from a closing one)
  lbracket: '[',
  rbracket: ']',
  bar: '|',
  comma: ',',
  semicolon: ';',
  equals: '=',
};

/** Extra tokens of claim lines: d/dx and ∂/∂x, df/dx and ∂f/∂x, the prime of f'(x), ≈ (a rounded value) as =, and the `:` of a shape declaration. */
const CLAIMS: moo.Rules = {
  approximately: { match: '≈', type: () => 'equals' },
  colon: ':',
  derivative: /(?:d|∂)[ \t]*\/[ \t]*(?:d|∂)[ \t]*[A-Za-z_][A-Za-z0-9_]*/,
  derivativeOf: /(?:d|∂)[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*\/[ \t]*(?:d|∂)[ \t]*[A-Za-z_][A-Za-z0-9_]*/,
  prime: /['′]/,
};

/** Extra tokens of programs (tensor expressions): elementwise .* (⊙) ./ (⊘) and .^, the transpose W' (Wᵀ), and `:` of declarations. */
const TENSOR: moo.Rules = {
  // A ⊙ B and A ∘ B (the Hadamard product as the lectures write it), A ⊘ B
  elementTimes: ['.*', '⊙', '∘'],
  elementDivide: ['./', '⊘'],
  elementPower: '.^',
  transpose: /['′ᵀ]/,
  colon: ':',
};

const SKIPPED = new Set(['blank', 'comment']);
/** Token types after which a | closes an absolute value (they end an operand). */
const ENDS_OPERAND = new Set(['number', 'name', 'rparen', 'rbracket', 'rbar', 'superscript', 'transpose', 'prime']);

/** Compiles the rules once; every lexer made from them shares the compiled moo lexer (parsing is synchronous). */
function lexerFactory(rules: () => moo.Rules): () => NearleyLexer {
  let compiled: moo.Lexer | undefined;
  return () => wrap((compiled ??= moo.compile(rules())));
}

/** A lexer for programs (expressions, bindings and tensor declarations), in the shape nearley expects; it never returns blanks or comments. */
export const createLexer = lexerFactory(() => ({ ...LEADING, ...EXPRESSION, ...TENSOR, invalid: moo.error }));

/** A lexer for claim lines: expressions plus d/dx, df/dx, primes, and `at` as a keyword. */
export const createClaimLexer = lexerFactory(() => ({ ...LEADING, ...CLAIMS, ...withKeywords(['at']), invalid: moo.error }));

/** A lexer for problem files: claim lines plus titles in quotes, `?`, `:` and the keywords of problem files. */
export const createProblemLexer = lexerFactory(() => ({
  ...LEADING,
  ...CLAIMS,
  ...{ string: /"[^"\n]*"/, question: '?', colon: ':' },
  ...withKeywords(['at', 'problem', 'part', 'credit', 'point', 'points', 'printed', 'source']),
  invalid: moo.error,
}));

/** The expression rules with some names made keywords (each its own token type). */
function withKeywords(keywords: readonly string[]): moo.Rules {
  const rules: Record<string, moo.Rule> = { ...(EXPRESSION as Record<string, moo.Rule>) };
  rules.name = { match: NAME, type: moo.keywords(Object.fromEntries(keywords.map((word) => [word, word]))) };
  return rules;
}

/** The lexer interface nearley uses, plus a first line number for inputs that are one line of a larger file. */
export interface NearleyLexer {
  reset(chunk: string, state?: moo.LexerState): NearleyLexer;
  next(): moo.Token | undefined;
  save(): moo.LexerState;
  formatError(token: moo.Token, message?: string): string;
  has(type: string): boolean;
  /** Line number the next reset starts counting from (when nearley passes no state). */
  firstLine: number;
}

/**
 * A moo lexer in the shape nearley expects, skipping blanks and comments; each | is told apart as opening or closing an
 * absolute value (it closes one when one is open and it follows the end of an operand: |a|b|c| is |a|·b·|c|).
 */
export function wrap(inner: moo.Lexer): NearleyLexer {
  let openBars = 0;
  let previous: string | undefined;
  const lexer: NearleyLexer = {
    firstLine: 1,
    reset(chunk, state) {
      inner.reset(chunk, state ?? ({ line: lexer.firstLine, col: 1 } as moo.LexerState));
      openBars = 0;
      previous = undefined;
      return lexer;
    },
    next() {
      let token = inner.next();
      while (token && SKIPPED.has(token.type ?? '')) token = inner.next();
      if (token?.type === 'bar') {
        const closes = openBars > 0 && ENDS_OPERAND.has(previous ?? '');
        token.type = closes ? 'rbar' : 'lbar';
        openBars += closes ? -1 : 1;
      }
      if (token?.type === 'newline' || token?.type === 'semicolon') openBars = 0;
      previous = token?.type;
      return token;
    },
    save: () => inner.save(),
    formatError: (token, message) => inner.formatError(token, message),
    has: (type) => inner.has(type) || ((type === 'lbar' || type === 'rbar') && inner.has('bar')),
  };
  return lexer;
}

/** Symbols met in calculus notes that mean nothing in this language, with what each is, for the error that names one. */
export const MEANINGLESS_SYMBOLS: Readonly<Record<string, string>> = {
  '≤': 'less than or equal to', '≥': 'greater than or equal to', '<': 'less than', '>': 'greater than', '≠': 'not equal to',
  '≈': 'approximately equal to', '∞': 'infinity', '±': 'plus or minus', '∓': 'minus or plus', '∑': 'a sum over an index',
  'Σ': 'a sum over an index', '∏': 'a product over an index', '∫': 'an integral', '∇': 'a gradient (nabla)', '∈': 'is an element of',
  '→': 'tends to (a limit)', '⇒': 'implies', '!': 'a factorial', '%': 'a percentage',
  '∘': 'composition of functions', '⋅': 'a dot product', '∂': 'a partial derivative outside a claim', '≡': 'identically equal to',
};

/** Plain words for each kind of token, in the order they are listed in "expected …" messages. */
export const TOKEN_WORDS: Readonly<Record<string, string>> = {
  rparen: '")"',
  number: 'a number',
  name: 'a name',
  call: 'a function call',
  lparen: '"("',
  lbracket: '"["',
  lbar: '"|"',
  rbracket: '"]"',
  rbar: '"|"',
  plus: 'an operator (+ - * / ^)',
  minus: 'an operator (+ - * / ^)',
  times: 'an operator (+ - * / ^)',
  divide: 'an operator (+ - * / ^)',
  power: 'an operator (+ - * / ^)',
  comma: '","',
  equals: '"="',
  newline: 'the end of the statement',
  semicolon: 'the end of the statement',
  superscript: 'an exponent such as ²',
  root: '"√"',
  invalid: 'a character the language does not use',
  derivative: 'a derivative such as d/dx',
  derivativeOf: 'a derivative such as df/dx',
  prime: "a prime (')",
  at: '"at"',
  string: 'a title in quotes',
  question: '"?"',
  colon: '":"',
  problem: '"problem"',
  part: '"part"',
  credit: '"credit"',
  point: '"point"',
  printed: '"printed"',
  source: '"source"',
  points: '"points"',
};
