/**
 * The LaTeX front end for claim lines (`\frac{\partial f}{\partial x} = \frac{2xy}{z}`): a moo lexer for the LaTeX
 * that students write, checks that give plain-word errors before parsing, and `parseLatexClaimLine`, which gives the
 * same syntax (src/syntax/claim.ts, src/syntax/tree.ts) as the plain claims grammar. The readings chosen for
 * LaTeX's ambiguous forms are listed at the top of grammar/latex.ne.
 */
import moo from 'moo';
import { InputError } from '../errors.js';
import { functionNamed, functionNames } from '../ops/index.js';
import { suggest } from './suggest.js';
import { checkOperators, expressionHead, wholeHeadOperand, type ClaimLine } from './claim.js';
import latexGrammar from './generated/latex.js';
import type { NearleyLexer } from './lexer.js';
import { checkDepth, claimExpressions, DEFAULT_LIMITS, languageOf, run, type Language, type ParseLimits } from './parse.js';
import { spelled, type Span } from './tree.js';

const SP = String.raw`[ \t]*`;
/** Greek letters read as names; the var- forms are the same letter (`\varphi` is phi). */
const GREEK = [
  'alpha', 'beta', 'gamma', 'delta', 'varepsilon', 'epsilon', 'zeta', 'eta', 'vartheta', 'theta', 'iota', 'kappa', 'lambda', 'mu',
  'nu', 'xi', 'pi', 'varrho', 'rho', 'varsigma', 'sigma', 'tau', 'upsilon', 'varphi', 'phi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
];
/** LaTeX function commands and the function each calls. */
const FUNCTIONS: Readonly<Record<string, string>> = {
  sin: 'sin', cos: 'cos', tan: 'tan', arcsin: 'asin', arccos: 'acos', arctan: 'atan', sinh: 'sinh', cosh: 'cosh', tanh: 'tanh',
  sec: 'sec', csc: 'csc', cot: 'cot', coth: 'coth',
  exp: 'exp', ln: 'ln', log: 'log', max: 'max', min: 'min',
};
const NOT_LETTER = '(?![A-Za-z])';
const word = (words: readonly string[]) => String.raw`\\(?:${words.join('|')})${NOT_LETTER}`;

// Names: a letter or a Greek letter, with a one-character or braced subscript (x_1, W_{12}, \theta_{t}), or a word
// in \mathrm{…} (\mathrm{loss}, as chainrule's own LaTeX printer writes names longer than a letter).
const SUBSCRIPT = String.raw`(?:${SP}_${SP}(?:[A-Za-z0-9]|\{${SP}[A-Za-z0-9]+${SP}\}))`;
const WORD = String.raw`\\(?:mathrm|textrm|text|mathit)${SP}\{${SP}[A-Za-z](?:[A-Za-z0-9_]|\\_)*${SP}\}`;
// \hat{y}, \bar{x}, \tilde{w}: the names yhat, xbar, wtilde (ŷ as ML homework writes it).
const ACCENTED = String.raw`\\(?:hat|widehat|bar|overline|tilde|widetilde)${SP}(?:\{${SP}[A-Za-z]${SP}\}|[A-Za-z](?![A-Za-z]))`;
// In a derivative's d·/d·, a word is one name (\frac{\partial L}{\partial w1}, \partial yhat): d(y·h·a·t) means nothing.
const DERIVATIVE_VARIABLE = String.raw`(?:[A-Za-z][A-Za-z0-9]*${SUBSCRIPT}?|${word(GREEK)}${SUBSCRIPT}?|${WORD}|${ACCENTED})`;
// The d of a derivative: d, \partial, \mathrm{d}, \mathrm d, \operatorname{d}.
const D = String.raw`(?:d|∂|\\partial${NOT_LETTER}|\\(?:mathrm|operatorname|text)${SP}\{${SP}d${SP}\}|\\mathrm[ \t]+d)`;
const FRAC = String.raw`\\[dt]?frac${NOT_LETTER}`;
const OPEN = (char: string) => String.raw`(?:${char}|\\left${SP}${char}|\\[bB]igg?l?${SP}${char})`;
const CLOSE = (char: string) => String.raw`(?:${char}|\\right${SP}${char}|\\[bB]igg?r?${SP}${char})`;
const re = (source: string) => new RegExp(source);

/** Token rules, tried in this order (so the longer LaTeX forms come before their pieces). */
const RULES: moo.Rules = {
  blank: { match: /[ \t\r\n]+/, lineBreaks: true },
  comment: /%[^\n]*/,
  // Spacing and markup that does not change the meaning: \, \; \: \! \  \quad ~ $ \displaystyle \left. \right., and
  // the & and \\ of an align environment (so `&= 2x \\` is a continuation line).
  spacing: re(String.raw`\\[,;:! >\\]|${word(['quad', 'qquad', 'displaystyle', 'textstyle', 'notag', 'nonumber'])}|\\[()]|~|\$|&|\\left${SP}\.|\\right${SP}\.(?!${SP}_)`),
  // What homework writes beside the math: && \text{product rule}, \text{(chain rule)}, \tag{3}, \label{eq:1}, and a
  // full stop or comma that ends the line.
  annotation: re(String.raw`&&[^\n]*|\\(?:tag|label)\*?${SP}\{[^}\n]*\}|\\text${SP}\{(?![ \t]*at[ \t]*\})[^}\n]*[^A-Za-z0-9_\\}\n][^}\n]*\}|[.,;](?=[ \t]*(?:\\(?:tag|label)\*?[ \t]*\{[^}\n]*\}[ \t]*)?(?:\\\\[ \t]*)?\$*[ \t]*$)`),
  // \frac{d}{dx}, \frac{\partial}{\partial x}, and as in plain text d/dx, ∂/∂x: the derivative of the factor after it.
  derivative: re(String.raw`${FRAC}${SP}\{${SP}${D}${SP}\}${SP}\{${SP}${D}${SP}${DERIVATIVE_VARIABLE}${SP}\}|${D}${SP}/${SP}${D}${SP}${DERIVATIVE_VARIABLE}`),
  // \frac{df}{dx}, \frac{\partial f}{\partial x}, dL/dw: the derivative of a binding.
  derivativeOf: re(String.raw`${FRAC}${SP}\{${SP}${D}${SP}${DERIVATIVE_VARIABLE}${SP}\}${SP}\{${SP}${D}${SP}${DERIVATIVE_VARIABLE}${SP}\}|${D}${SP}${DERIVATIVE_VARIABLE}${SP}/${SP}${D}${SP}${DERIVATIVE_VARIABLE}`),
  // \frac12 is 1/2.
  fracDigits: re(String.raw`${FRAC}${SP}[0-9]${SP}[0-9]`),
  frac: re(FRAC),
  sqrt: re(String.raw`\\sqrt${NOT_LETTER}`),
  textAt: re(String.raw`\\(?:text|textrm|mathrm)${SP}\{${SP}at${SP}\}`),
  // \Big|_{x=3}, |_{x=3}, \right|_{x=3}: evaluated at a point.
  atBar: re(String.raw`(?:\\right${SP}|\\[bB]igg?r?${SP})?(?:\||\\[rv]?vert${NOT_LETTER})${SP}_`),
  absOpen: re(String.raw`(?:\\left${SP}|\\[bB]igg?l${SP})(?:\||\\[lv]vert${NOT_LETTER})|\\lvert${NOT_LETTER}`),
  absClose: re(String.raw`(?:\\right${SP}|\\[bB]igg?r${SP})(?:\||\\[rv]vert${NOT_LETTER})|\\rvert${NOT_LETTER}`),
  bar: re(String.raw`(?:\\[bB]igg?${SP})?\||\\vert${NOT_LETTER}`),
  lparen: re(OPEN(String.raw`\(`)),
  rparen: re(CLOSE(String.raw`\)`)),
  lbracket: re(OPEN(String.raw`\[`)),
  rbracket: re(CLOSE(String.raw`\]`)),
  lbrace: '{',
  rbrace: '}',
  // \sigma right before a parenthesis is the logistic function; anywhere else it is the name sigma.
  sigmoid: re(String.raw`(?:\\sigma${NOT_LETTER}|σ)(?=${SP}${OPEN(String.raw`\(`)})`),
  logBase: re(String.raw`\\log${SP}_`),
  function: re(word(Object.keys(FUNCTIONS))),
  // \operatorname{…}, or a word right before a parenthesis, is a function; another word is a function if chainrule knows it.
  wordCall: re(String.raw`\\operatorname${SP}\{[^}]*\}|${WORD}(?=${SP}${OPEN(String.raw`\(`)})`),
  word: re(String.raw`${WORD}${SUBSCRIPT}?`),
  name: re(String.raw`[A-Za-z]${SUBSCRIPT}?|${word(GREEK)}${SUBSCRIPT}?|${ACCENTED}${SUBSCRIPT}?|[α-ωΓΔΘΛΞΦΨΩ]${SUBSCRIPT}?`),
  number: /[0-9]+(?:\.[0-9]+)?|\.[0-9]+/, // 5x^4. ends with a full stop, not with the number 4.
  prime: re(String.raw`'|′|\^${SP}(?:\\prime${NOT_LETTER}|\{${SP}\\prime${SP}\})`),
  power: '^',
  underscore: '_',
  plus: '+',
  minus: ['-', '−'],
  times: re(String.raw`\*|·|×|${word(['cdot', 'times', 'ast'])}`),
  divide: re(String.raw`/|${word(['div'])}`),
  equals: re(String.raw`=|≈|\\approx${NOT_LETTER}`),
  comma: ',',
  command: /\\(?:[A-Za-z]+|[^A-Za-z\n])/,
  invalid: moo.error,
};

const SKIPPED = new Set(['blank', 'comment', 'spacing', 'annotation']);
/** Token types after which a | closes an absolute value (they end an operand). */
const ENDS_OPERAND = new Set(['number', 'name', 'fracDigits', 'rparen', 'rbracket', 'rbrace', 'absClose', 'rbar']);

const COMPILED = moo.compile(RULES) as moo.Lexer & { clone(): moo.Lexer }; // clone() is moo's, missing from its types

/** A name as chainrule spells it: `x_{1}` → x_1, `\theta_t` → theta_t, `\varphi` → phi, `\mathrm{leaky\_relu}` → leaky_relu. */
function latexName(text: string): string {
  const compact = text.replace(/\s+/g, '');
  const greek = /^([α-ωΓΔΘΛΞΦΨΩ])(.*)$/.exec(compact); // δ is \delta; σ alone is the name sigma, as \sigma is
  if (greek) return latexName(`${greek[1] === 'σ' ? 'sigma' : spelled(greek[1]!)}${greek[2]}`);
  const accent = /^\\(hat|widehat|bar|overline|tilde|widetilde)\{?([A-Za-z])\}?(.*)$/.exec(compact);
  if (accent) return latexName(`${accent[2]}${{ widehat: 'hat', overline: 'bar', widetilde: 'tilde' }[accent[1]!] ?? accent[1]}${accent[3]}`);
  const wordMatch = /^\\[A-Za-z]+\{([^}]*)\}(?:_\{?([A-Za-z0-9]+)\}?)?$/.exec(compact); // \mathrm{yhat}_{1} is yhat_1
  if (wordMatch) return `${wordMatch[1]!.replace(/\\_/g, '_')}${wordMatch[2] ? `_${wordMatch[2]}` : ''}`;
  return compact
    .replace(/^\\(?:var)?([A-Za-z]+)/, '$1')
    .replace(/_\{(.*)\}$/, '_$1');
}

/** The variable of `\frac{d}{dx}` (or d/dx) and the name and variable of `\frac{\partial f}{\partial x}` (or ∂f/∂x). */
const DERIVATIVE_PARTS = new RegExp(
  String.raw`^(?:${FRAC}${SP}\{${SP}${D}${SP}(${DERIVATIVE_VARIABLE})?${SP}\}${SP}\{${SP}${D}${SP}(${DERIVATIVE_VARIABLE})${SP}\}|${D}${SP}(${DERIVATIVE_VARIABLE})?${SP}/${SP}${D}${SP}(${DERIVATIVE_VARIABLE}))$`,
);

/** What a token stands for, set as its value: a name, a function's name, a derivative's parts. */
function valueOf(token: moo.Token): string {
  switch (token.type) {
    case 'name':
    case 'word':
    case 'wordCall':
      return latexName(token.text);
    case 'function':
      return FUNCTIONS[token.text.slice(1)]!;
    case 'sigmoid':
      return 'sigmoid';
    case 'logBase':
      return 'log';
    case 'derivative':
    case 'derivativeOf': {
      const [, fracName, fracVariable, name = fracName, variable = fracVariable] = DERIVATIVE_PARTS.exec(token.text)!;
      return token.type === 'derivative' ? latexName(variable!) : `${latexName(name!)}/${latexName(variable!)}`;
    }
    default:
      return token.text;
  }
}

/** A fresh lexer for LaTeX claim lines, in the shape nearley expects: blanks, comments and spacing commands are dropped,
 *  each | is told apart as opening or closing an absolute value, and \mathrm{…} words become function names or names. */
export function createLatexLexer(): NearleyLexer {
  const inner = COMPILED.clone();
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
      if (!token) return undefined;
      token.value = valueOf(token);
      if (token.type === 'word' || token.type === 'wordCall') {
        const known = functionNamed(token.value.toLowerCase()) !== undefined;
        token.type = known || token.type === 'wordCall' ? 'function' : 'name';
        if (known) token.value = token.value.toLowerCase(); // \mathrm{ReLU} is relu
      }
      if (token.type === 'bar') {
        const closes = openBars > 0 && ENDS_OPERAND.has(previous ?? '');
        token.type = closes ? 'rbar' : 'lbar';
        openBars += closes ? -1 : 1;
      }
      previous = token.type;
      return token;
    },
    save: () => inner.save(),
    formatError: (token, message) => inner.formatError(token, message),
    has: (type) => type in RULES || type === 'lbar' || type === 'rbar',
  };
  return lexer;
}

/** Plain words for each LaTeX token type, in the order "expected …" lists them. */
const LATEX_WORDS: Readonly<Record<string, string>> = {
  rparen: '")"',
  rbracket: '"]"',
  rbrace: '"}"',
  absClose: String.raw`"\right|"`,
  rbar: '"|"',
  number: 'a number',
  fracDigits: 'a number',
  name: 'a name',
  function: String.raw`a function such as \sin`,
  logBase: String.raw`a function such as \sin`,
  sigmoid: String.raw`a function such as \sin`,
  frac: String.raw`\frac`,
  sqrt: String.raw`\sqrt`,
  lparen: '"("',
  lbracket: '"["',
  lbrace: '"{"',
  absOpen: '"|"',
  lbar: '"|"',
  plus: String.raw`an operator (+ - \cdot / ^)`,
  minus: String.raw`an operator (+ - \cdot / ^)`,
  times: String.raw`an operator (+ - \cdot / ^)`,
  divide: String.raw`an operator (+ - \cdot / ^)`,
  power: '"^"',
  comma: '","',
  equals: '"="',
  textAt: String.raw`\text{ at }`,
  atBar: String.raw`\Big|_{…}`,
  prime: "a prime (')",
  derivative: String.raw`a derivative such as \frac{d}{dx}`,
  derivativeOf: String.raw`a derivative such as \frac{df}{dx}`,
  invalid: 'a character LaTeX claims do not use',
};

/** The closing form of an opening token: `\left(` → `\right)`, `\bigl[` → `\bigr]`, `{` → `}`. */
function closingOf(open: string): string {
  const char = { '(': ')', '[': ']', '{': '}', '|': '|' }[open.slice(-1)] ?? open.slice(-1);
  const command = /^\\([bB]igg?)l?/.exec(open);
  if (open.startsWith('\\left')) return `\\right${char}`;
  if (open === '\\lvert') return '\\rvert';
  if (command) return `\\${command[1]}${open.startsWith(`\\${command[1]}l`) ? 'r' : ''}${char}`;
  return char;
}

const LATEX: Language = languageOf(latexGrammar, createLatexLexer, {
  words: LATEX_WORDS,
  implied: { times: ['power'], lparen: ['lbracket', 'absOpen', 'lbar'], number: ['fracDigits'], function: ['logBase', 'sigmoid'], name: ['derivative', 'derivativeOf'] },
  brackets: { lparen: 'rparen', lbracket: 'rbracket', lbrace: 'rbrace', absOpen: 'absClose', lbar: 'rbar' },
  closing: closingOf,
});

/** Every command the lexer reads, for "did you mean …?" */
const KNOWN_COMMANDS = [
  ...Object.keys(FUNCTIONS), ...GREEK, 'frac', 'dfrac', 'tfrac', 'sqrt', 'cdot', 'times', 'div', 'left', 'right', 'partial', 'prime',
  'operatorname', 'mathrm', 'text', 'quad', 'qquad', 'big', 'Big', 'bigg', 'Bigg', 'lvert', 'rvert', 'vert',
];

const DELIMITERS = String.raw`write \left( … \right), \left[ … \right] or \left| … \right|`;
const WORDS = String.raw`write a name (\mathrm{loss}), a function (\operatorname{relu}) or \text{ at }`;
/** Hints for known commands used in a form chainrule does not read. */
const MISUSED: Readonly<Record<string, string>> = {
  left: DELIMITERS, right: DELIMITERS, big: DELIMITERS, Big: DELIMITERS, bigg: DELIMITERS, Bigg: DELIMITERS,
  text: WORDS, mathrm: WORDS, operatorname: WORDS,
  partial: String.raw`write a first derivative as \frac{\partial f}{\partial x} or \frac{\partial}{\partial x}\left(…\right)`,
  prime: String.raw`write f^{\prime}(x) or f'(x)`,
};

/** Parses one LaTeX claim line; `line` is its line number in the file (for messages). */
export function parseLatexClaimLine(source: string, line = 1, limits: ParseLimits = DEFAULT_LIMITS, sourceName?: string): ClaimLine {
  const tokens = source.length <= limits.maxLength ? checkTokens(source, line, sourceName) : [];
  if (source.length <= limits.maxLength && tokens.length === 0) {
    throw new InputError('syntax', sourceName ? `${sourceName} is empty` : String.raw`the input is empty: give a claim such as \frac{d}{dx} x^2 = 2x`);
  }
  let parsed: ClaimLine;
  try {
    parsed = run<ClaimLine>(LATEX, isDefinition(tokens) ? 'definition' : 'line', source, limits, sourceName, line);
  } catch (error) {
    throw error instanceof InputError ? withLatexHint(error, source, line) : error;
  }
  if (parsed.kind === 'claim' && parsed.head.kind === 'expression') {
    const whole = wholeHeadOperand(parsed.head.expr, source); // \frac{d}{dx}(x^2+1)(x-1): the whole product
    if (whole) parsed = { ...parsed, head: { ...expressionHead(whole), ...(parsed.head.at ? { at: parsed.head.at } : {}) } };
  }
  for (const expr of claimExpressions(parsed)) {
    checkDepth(expr, source, limits, sourceName);
    checkOperators(expr, source, sourceName);
  }
  return parsed;
}

/** Whether a line starts `f(x) =` or `L(w, b) =`: a name, names in parentheses and "=". */
function isDefinition(tokens: readonly moo.Token[]): boolean {
  const types = tokens.map((token) => token.type).join(' ');
  return /^name lparen name(?: comma name)* rparen equals\b/.test(types);
}

/** All tokens of a line (blanks dropped), up to the first character the lexer does not know. */
function tokensOf(source: string, line: number): moo.Token[] {
  const lexer = createLatexLexer();
  lexer.firstLine = line;
  lexer.reset(source);
  const tokens: moo.Token[] = [];
  for (let token = lexer.next(); token; token = lexer.next()) {
    tokens.push(token);
    if (token.type === 'invalid') break;
  }
  return tokens;
}

function spanOf(token: moo.Token, length = token.text.length): Span {
  return { offset: token.offset, end: token.offset + length, line: token.line, col: token.col };
}

/** Errors the grammar could only state vaguely: unknown commands, and forms that LaTeX reads differently from how they
 *  look. Returns the tokens. */
function checkTokens(source: string, line: number, sourceName?: string): moo.Token[] {
  const tokens = tokensOf(source, line);
  const fail = (token: moo.Token, message: string, hint?: string, length?: number) =>
    new InputError('syntax', message, { source, span: spanOf(token, length), sourceName }, hint);
  // One-token arguments (of ^, \sqrt, \log_, \frac) take one digit: x^23 is x²·3 in LaTeX.
  const oneToken = (index: number, what: string) => {
    const token = tokens[index];
    if (token?.type === 'number' && token.text.length > 1) {
      throw fail(token, `${what} takes one character without braces, so LaTeX reads "${token.text}" as "${token.text[0]}" followed by "${token.text.slice(1)}"`, `write {${token.text}} in braces`);
    }
  };
  checkPlainFunctionNames(tokens, fail);
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    switch (token.type) {
      case 'command': {
        const command = token.text.slice(1);
        if (KNOWN_COMMANDS.includes(command)) throw fail(token, `${token.text} is not read in this form`, MISUSED[command]);
        const near = suggest(command, KNOWN_COMMANDS);
        throw fail(token, `unknown command ${token.text}`, near ? `did you mean \\${near}?` : String.raw`chainrule reads \frac, \sqrt, \cdot, \sin, \ln, \exp, Greek letters, \left( \right) and the like`);
      }
      case 'frac':
        // \frac{d^2 f}{dx^2}: a derivative of higher order, which would otherwise read as a fraction of products.
        if (next?.type === 'lbrace' && tokens[i + 2]?.value === 'd' && tokens[i + 3]?.type === 'power') {
          throw fail(token, 'chainrule reads first derivatives only', String.raw`write a first derivative: \frac{df}{dx} or \frac{d}{dx}\left(…\right)`);
        }
        oneToken(i + 1, String.raw`"\frac"`);
        oneToken(afterArgument(tokens, i + 1), String.raw`"\frac"`);
        break;
      case 'power':
        if (tokens[i - 1]?.type === 'function' && (next?.type === 'minus' || (next?.type === 'lbrace' && tokens[i + 2]?.type === 'minus'))) {
          const name = tokens[i - 1]!.text;
          const inverse = ['\\sin', '\\cos', '\\tan'].includes(name) ? `\\arc${name.slice(1)} x for the inverse, or ` : '';
          throw fail(tokens[i - 1]!, `${name}^{-1} is ambiguous (the inverse function, or 1 over the function)`, `write ${inverse}\\frac{1}{${name} x} for 1 over it`);
        }
        oneToken(i + 1, '"^"');
        break;
      case 'sqrt':
        if (next?.type !== 'lbracket') oneToken(i + 1, String.raw`"\sqrt"`);
        break;
      case 'logBase':
        oneToken(i + 1, String.raw`"\log_"`);
        break;
      case 'name':
        // x_12 is x_1 followed by 2 in LaTeX.
        if (next?.type === 'number' && next.offset === token.offset + token.text.length && /_\s*[0-9]$/.test(token.text)) {
          throw fail(token, `a subscript takes one character without braces, so LaTeX reads "${token.text}${next.text}" as "${token.text}" followed by "${next.text}"`, `write ${token.text.replace(/_\s*([0-9])$/, '_{$1')}${next.text}}`, token.text.length + next.text.length);
        }
        break;
    }
  });
  return tokens;
}

/** The LaTeX command of each function that has one (`asin` → arcsin); the others are written \operatorname{…}. */
const COMMANDS = new Map(Object.entries(FUNCTIONS).reverse().map(([command, fn]) => [fn, command]));

/**
 * A plain-text function name in a LaTeX line (`sin(x)`, `2 exp x`) would be read as letters multiplied (s·i·n·x), which
 * is never what was meant: it is an error that says how to write the function. Letters written side by side without a
 * space are checked, as a run, for a function name of three or more letters (or ln).
 */
function checkPlainFunctionNames(tokens: readonly moo.Token[], fail: (token: moo.Token, message: string, hint?: string, length?: number) => InputError): void {
  for (const run of letterRuns(tokens)) {
    const word = run.map((token) => token.text).join('');
    const found = plainFunctionIn(word);
    if (!found) continue;
    const command = COMMANDS.has(found) ? `\\${COMMANDS.get(found)}` : `\\operatorname{${found}}`;
    const hint = word === found ? `write ${command} for the function` : `write ${command} for the function, or \\mathrm{${word}} for a name`;
    throw fail(run[0]!, `"${word}" is read as ${[...word].join('·')} in LaTeX, where letters side by side multiply`, hint, word.length);
  }
}

/** The longest function name (three or more letters, or ln) spelled inside a word of letters, if any. */
function plainFunctionIn(word: string): string | undefined {
  return functionNames()
    .filter((fn) => (fn.length >= 3 || fn === 'ln') && /^[a-z]+$/.test(fn) && word.includes(fn))
    .sort((a, b) => b.length - a.length)[0];
}

/** Runs of two or more one-letter names written with no space between them (`sin` in `2sin(x)`). */
function letterRuns(tokens: readonly moo.Token[]): moo.Token[][] {
  const runs: moo.Token[][] = [];
  let run: moo.Token[] = [];
  for (const token of tokens) {
    const previous = run[run.length - 1];
    const letter = token.type === 'name' && /^[A-Za-z]$/.test(token.text);
    if (letter && previous && previous.offset + previous.text.length === token.offset) run.push(token);
    else {
      if (run.length > 1) runs.push(run);
      run = letter ? [token] : [];
    }
  }
  if (run.length > 1) runs.push(run);
  return runs;
}

/** Whether a line spells a function in plain text (`= 2x sin x`), which LaTeX would read as letters multiplied. */
export function spellsPlainFunction(source: string): boolean {
  return letterRuns(tokensOf(source, 1)).some((run) => plainFunctionIn(run.map((token) => token.text).join('')) !== undefined);
}

/** The index after a one-token or braced argument that starts at `index`. */
function afterArgument(tokens: readonly moo.Token[], index: number): number {
  if (tokens[index]?.type !== 'lbrace') return index + 1;
  let depth = 0;
  for (let i = index; i < tokens.length; i++) {
    if (tokens[i]!.type === 'lbrace') depth++;
    if (tokens[i]!.type === 'rbrace' && --depth === 0) return i + 1;
  }
  return tokens.length;
}

const OPENERS = new Set(['lparen', 'lbracket', 'absOpen', 'lbar']);
const CLOSERS = new Set(['rparen', 'rbracket', 'absClose', 'rbar', 'rbrace']);
const OPERATORS = new Set(['plus', 'minus', 'times', 'divide', 'equals', 'comma', 'textAt', 'atBar']);

/** Adds a hint where a LaTeX reading rule explains a syntax error: a function's argument without parentheses ends
 *  before a parenthesis; \frac{d}{dx} applies to one factor. */
function withLatexHint(error: InputError, source: string, line: number): InputError {
  if (error.kind !== 'syntax' || !error.location || !error.message.startsWith('unexpected "')) return error;
  const tokens = tokensOf(source, line);
  const at = tokens.findIndex((token) => token.offset === error.location!.span.offset);
  if (at < 0) return error;
  const unexpected = tokens[at]!.type ?? '';
  const withHint = (hint: string, keepExpected: boolean) =>
    new InputError(error.kind, error.message, error.location, keepExpected && error.hint ? `${error.hint}; ${hint}` : hint);
  // Walk back over the factors written side by side before the unexpected token.
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const token = tokens[i]!;
    const type = token.type ?? '';
    if (CLOSERS.has(type)) depth++;
    else if (OPENERS.has(type) || type === 'lbrace') {
      if (depth === 0) return error;
      depth--;
    } else if (depth > 0) continue;
    else if (OPERATORS.has(type)) return error;
    else if (type === 'function' || type === 'sigmoid' || type === 'logBase') {
      let next = type === 'logBase' ? afterArgument(tokens, i + 1) : i + 1;
      if (tokens[next]?.type === 'power') next = afterArgument(tokens, next + 1);
      const closed = OPENERS.has(tokens[next]?.type ?? '');
      if (closed || !OPENERS.has(unexpected)) continue;
      const name = token.text.replace(/\s+/g, '');
      return withHint(`${name} without parentheses applies to the factors up to here: write ${name}\\left(…\\right) around its whole argument, or \\cdot before this parenthesis`, false);
    } else if (type === 'derivative' && i === 0 && !CLOSERS.has(unexpected)) {
      return withHint(String.raw`\frac{d}{dx} applies to one factor: put the expression in \left( … \right)`, true);
    }
  }
  return error;
}
