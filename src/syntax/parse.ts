/** Runs the compiled expression grammar and turns nearley's failures into plain-word errors. */
import nearley from 'nearley';
import claimsGrammar from './generated/claims.js';
import problemsGrammar from './generated/problems.js';
import exprGrammar from './generated/expr.js';
import { InputError } from '../errors.js';
import type { ClaimHead, ClaimLine } from './claim.js';
import type { ProblemLine } from './problem.js';
import { createClaimLexer, createLexer, createProblemLexer, MEANINGLESS_SYMBOLS, TOKEN_WORDS, type NearleyLexer } from './lexer.js';
import { childrenOf, type Expr, type ProgramStatement, type Span, type Statement } from './tree.js';
import { itemsOf, type Cell } from './lists.js';

/** Bounds for untrusted input. */
export interface ParseLimits {
  /** Longest accepted input, in characters. */
  readonly maxLength: number;
  /** Deepest accepted nesting of operations. */
  readonly maxDepth: number;
}

/**
 * The deepest nesting any setting allows: every walk over a syntax tree or graph stays well within the call stack at
 * this depth, and the grammar's right-recursive rules parse it quickly.
 */
export const MAX_NESTING = 1000;

/** Default bounds: generous for hand-written input, small enough to answer quickly. */
export const DEFAULT_LIMITS: ParseLimits = { maxLength: 100_000, maxDepth: 500 };

/** A compiled grammar with the lexer it reads tokens with, and how its messages name tokens. */
export interface Language {
  readonly rules: nearley.Rule[];
  readonly lexer: () => NearleyLexer;
  readonly grammars: Map<string, nearley.Grammar>;
  /** Plain words for each token type, in the order "expected …" lists them. */
  readonly words: Readonly<Record<string, string>>;
  /** Token types left out of "expected …" when another is listed (a name implies a call). */
  readonly implied: Readonly<Record<string, readonly string[]>>;
  /** Opening token types and the type that closes each, for "this "(" is never closed". */
  readonly brackets: Readonly<Record<string, string>>;
  /** The text that closes an opening token's text (`(` → `)`). */
  readonly closing: (open: string) => string;
}

/** What a language may say differently from the expression grammar's defaults. */
export type LanguageOptions = Partial<Pick<Language, 'words' | 'implied' | 'brackets' | 'closing'>>;

// ":" (of declarations) is left out of "expected …" lists, so that messages about scalar programs read as before
const EXPRESSIONS: Language = languageOf(exprGrammar, createLexer, { words: Object.fromEntries(Object.entries(TOKEN_WORDS).filter(([type]) => type !== 'colon')) });
const CLAIMS: Language = languageOf(claimsGrammar, createClaimLexer);
const PROBLEMS: Language = languageOf(problemsGrammar, createProblemLexer);

/** A language from a grammar compiled by nearleyc and a lexer factory. */
export function languageOf(compiled: unknown, lexer: () => NearleyLexer, options: LanguageOptions = {}): Language {
  return {
    rules: nearley.Grammar.fromCompiled(compiled as nearley.CompiledRules).rules,
    lexer,
    grammars: new Map(),
    words: options.words ?? TOKEN_WORDS,
    implied: options.implied ?? { name: ['call', 'root'], power: ['superscript'], derivativeOf: ['derivative'], lparen: ['lbracket', 'lbar'] },
    brackets: options.brackets ?? { lparen: 'rparen', lbracket: 'rbracket', lbar: 'rbar' },
    closing: options.closing ?? ((open) => ({ '[': ']', '|': '|' })[open] ?? ')'),
  };
}

function grammarFrom(language: Language, start: string): nearley.Grammar {
  let found = language.grammars.get(start);
  if (!found) {
    found = new (nearley.Grammar as unknown as new (rules: nearley.Rule[], start: string) => nearley.Grammar)(language.rules, start);
    language.grammars.set(start, found);
  }
  return found;
}

/** Parses a program (bindings, expressions and shape declarations; the last expression or binding is the output). */
export function parseProgram(source: string, limits: ParseLimits = DEFAULT_LIMITS, sourceName?: string, firstLine = 1): ProgramStatement[] {
  const { first, rest } = run<{ first: ProgramStatement; rest: Cell<ProgramStatement> | undefined }>(EXPRESSIONS, 'program', source, limits, sourceName, firstLine);
  const statements = [first, ...itemsOf(rest)];
  for (const statement of statements) if (statement.kind !== 'declare') checkDepth(statement.expr, source, limits, sourceName);
  return statements;
}

/** Parses `x=1, y=-2/3` (the values given with --at). */
export function parseAssignments(source: string, sourceName = '--at'): Statement[] {
  const statements = itemsOf(run<Cell<Statement>>(EXPRESSIONS, 'assignments', source, DEFAULT_LIMITS, sourceName));
  for (const statement of statements) checkDepth(statement.expr, source, DEFAULT_LIMITS, sourceName);
  return statements;
}

/** Parses one line of a claims file; `line` is its line number in the file (for messages). */
export function parseClaimLine(source: string, line = 1, limits: ParseLimits = DEFAULT_LIMITS, sourceName?: string): ClaimLine {
  const parsed = run<ClaimLine>(CLAIMS, 'line', source, limits, sourceName, line);
  for (const expr of claimExpressions(parsed)) checkDepth(expr, source, limits, sourceName);
  return parsed;
}

/** Parses one line of a problem file. */
export function parseProblemLine(source: string, line = 1, limits: ParseLimits = DEFAULT_LIMITS, sourceName?: string): ProblemLine {
  const parsed = run<ProblemLine>(PROBLEMS, 'line', source, limits, sourceName, line);
  const expressions =
    parsed.kind === 'given' ? [parsed.expr] : parsed.kind === 'part' ? parsed.asks.flatMap((ask) => [...headExpressions(ask.head), ...(ask.answer ?? [])]) : [];
  for (const expr of expressions) checkDepth(expr, source, limits, sourceName);
  return parsed;
}

/** Every expression in a claim line (to bound their depth). */
export function claimExpressions(line: ClaimLine): Expr[] {
  const head = line.kind === 'claim' ? headExpressions(line.head) : [];
  return [...head, ...line.steps];
}

function headExpressions(head: ClaimHead): Expr[] {
  if (head.kind === 'expression') return [head.expr];
  const of = head.of.kind === 'expression' ? [head.of.expr] : [];
  return [...of, ...(head.argument ? [head.argument] : []), ...(head.at ?? []).map((statement) => statement.expr)];
}

/** Runs a language's grammar from `start`: exactly one reading, or an InputError in plain words (never nearley's own). */
export function run<T>(language: Language, start: string, source: string, limits: ParseLimits, sourceName?: string, firstLine = 1): T {
  if (source.length > limits.maxLength) {
    throw new InputError('too-large', `the input is ${source.length} characters long; the limit is ${limits.maxLength}`);
  }
  if (source.trim() === '' || /^(\s|#[^\n]*)*$/.test(source)) {
    throw new InputError('syntax', sourceName ? `${sourceName} is empty` : 'the input is empty: give an expression such as x^2*y');
  }
  checkNesting(source, limits, language, sourceName, firstLine); // before parsing: a chain 10⁵ deep must not be parsed
  const lexer = language.lexer();
  lexer.firstLine = firstLine;
  const parser = new nearley.Parser(grammarFrom(language, start), { lexer });
  // nearley's own report of a syntax error costs time and stack quadratic in the nesting, and is never shown:
  // the error is told from its token (syntaxError)
  const quiet = parser as unknown as { reportError: () => string; reportLexerError: () => string };
  quiet.reportError = quiet.reportLexerError = () => 'syntax error';
  try {
    parser.feed(source);
  } catch (error) {
    if (!(error instanceof Error) || !('token' in error || 'offset' in error)) throw error; // not nearley's: a bug, not bad input
    throw syntaxError(parser, error as { token?: { text: string; offset: number; line: number; col: number; type?: string } }, source, sourceName, language, firstLine);
  }
  const results = parser.results as T[];
  if (results.length === 0) {
    const unclosed = unclosedParenthesis(source.replace(/\s+$/, ''), undefined, language, firstLine);
    if (unclosed) throw neverClosed(unclosed, language, source, sourceName);
    const span = endSpan(source, firstLine);
    const expected = expectedWords(parser, tableOf(parser).length - 1, language);
    throw new InputError('syntax', 'the input ends too early', { source, span, sourceName }, expected ? `expected ${expected} here` : undefined);
  }
  if (results.length > 1) {
    throw new Error(`internal error: the grammar is ambiguous for this input (${results.length} readings)`);
  }
  return results[0] as T;
}

function syntaxError(
  parser: nearley.Parser,
  error: { token?: { text: string; offset: number; line: number; col: number; type?: string } },
  source: string,
  sourceName: string | undefined,
  language: Language,
  firstLine: number,
): InputError {
  const token = error.token;
  if (!token) return new InputError('syntax', String((error as Error).message ?? error).split('\n')[0] ?? 'syntax error');
  const span: Span = { offset: token.offset, end: token.offset + Math.max(1, token.text.length), line: token.line, col: token.col };
  const endsStatement = token.type === 'newline' || token.type === 'semicolon';
  const unclosed = endsStatement ? unclosedParenthesis(source, token.offset, language, firstLine) : undefined;
  if (unclosed) return neverClosed(unclosed, language, source, sourceName);
  const shown = token.type === 'newline' ? 'end of the line' : token.type === 'invalid' ? `"${token.text[0]}"` : `"${token.text}"`;
  const expected = expectedWords(parser, tableOf(parser).length - 2, language);
  const meaning = token.type === 'invalid' ? MEANINGLESS_SYMBOLS[token.text[0]!] : undefined;
  const message = meaning ? `${shown} (${meaning}) means nothing in this language` : token.type === 'invalid' ? `unexpected character ${shown}` : `unexpected ${shown}`;
  return new InputError('syntax', message, { source, span: token.type === 'invalid' ? { ...span, end: span.offset + 1 } : span, sourceName }, expected ? `expected ${expected} here` : undefined);
}

/** Nearley's parse table (one column per token), which its type declarations leave out. */
type Column = { states: { rule: { symbols: unknown[] }; dot: number }[] };
function tableOf(parser: nearley.Parser): (Column | undefined)[] {
  return (parser as unknown as { table: (Column | undefined)[] }).table;
}

/** "this "(" is never closed", pointing at the opening token. */
function neverClosed(open: { span: Span; text: string }, language: Language, source: string, sourceName: string | undefined): InputError {
  return new InputError('syntax', `this "${open.text}" is never closed`, { source, span: open.span, sourceName }, `add the missing "${language.closing(open.text)}"`);
}

/** The terminals the parser could have accepted at a column, in plain words. */
function expectedWords(parser: nearley.Parser, columnIndex: number, language: Language): string {
  const column = tableOf(parser)[columnIndex];
  if (!column) return '';
  const types = new Set<string>();
  for (const state of column.states) {
    const next = state.rule.symbols[state.dot] as { type?: string } | string | undefined;
    if (next && typeof next === 'object' && next.type) types.add(next.type);
  }
  for (const [type, implied] of Object.entries(language.implied)) if (types.has(type)) for (const other of implied) types.delete(other);
  const signsOnly = (types.has('plus') || types.has('minus')) && !types.has('times');
  const everyOperator = OPERATORS.every((type) => types.has(type));
  const words = new Set(
    Object.keys(language.words)
      .filter((type) => types.has(type))
      .map((type) => {
        if (signsOnly && (type === 'plus' || type === 'minus')) return 'a sign (- or +)';
        if (!everyOperator && type in OPERATOR_SYMBOLS) return `"${OPERATOR_SYMBOLS[type]}"`; // only some operators fit here: name them
        return language.words[type]!;
      }),
  );
  const list = [...words];
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

const OPERATORS = ['plus', 'minus', 'times', 'divide', 'power'];
const OPERATOR_SYMBOLS: Record<string, string> = { plus: '+', minus: '-', times: '*', divide: '/', power: '^' };

/** The first opening token (such as "(") without its closing one in the statement that ends before `upTo`, if any. */
function unclosedParenthesis(source: string, upTo = source.length, language = EXPRESSIONS, firstLine = 1): { span: Span; text: string; type: string } | undefined {
  const lexer = language.lexer();
  lexer.firstLine = firstLine;
  lexer.reset(source.slice(0, upTo));
  const closes = new Map(Object.entries(language.brackets).map(([open, close]) => [close, open]));
  let open: { span: Span; text: string; type: string }[] = [];
  for (let token = lexer.next(); token; token = lexer.next()) {
    const type = token.type ?? '';
    if (type in language.brackets) open.push({ span: { offset: token.offset, end: token.offset + token.text.length, line: token.line, col: token.col }, text: token.text, type });
    const opener = closes.get(type);
    if (opener !== undefined) {
      const index = open.map((o) => o.type).lastIndexOf(opener);
      if (index >= 0) open.splice(index, 1);
    }
    if (type === 'newline' || type === 'semicolon') open = [];
  }
  return open[0];
}

function endSpan(source: string, firstLine = 1): Span {
  const trimmed = source.replace(/\s+$/, '');
  const lines = trimmed.split('\n');
  const last = lines[lines.length - 1] ?? '';
  return { offset: trimmed.length, end: trimmed.length + 1, line: lines.length + firstLine - 1, col: last.length + 1 };
}

/** Token types that end a chain of powers at their bracket level (`x^y + z`), unless right after a `^` (`x^-y`). */
const CHAIN_BREAKS = new Set(['plus', 'minus', 'times', 'divide', 'comma', 'equals', 'newline', 'semicolon', 'at']);

/**
 * Rejects input whose nesting is already deeper than the limit in its tokens: brackets inside brackets, a chain of
 * powers (x^x^…, read right to left, each a level), signs and roots before an operand. The grammar's right-recursive
 * rules cost time quadratic in such depth, so it is checked in one pass before parsing; what the tokens cannot show
 * (a long sum) is checked on the tree (checkDepth).
 */
export function checkNesting(source: string, limits: ParseLimits, language: Language, sourceName?: string, firstLine = 1): void {
  const maxDepth = Math.min(limits.maxDepth, MAX_NESTING);
  const lexer = language.lexer();
  lexer.firstLine = firstLine;
  lexer.reset(source);
  const closers = new Set(Object.values(language.brackets));
  const chains: number[] = [0]; // the chain of powers at each open bracket level
  let prefixes = 0;
  let previous: string | undefined;
  for (let token = lexer.next(); token; token = lexer.next()) {
    const type = token.type ?? '';
    if (type in language.brackets) chains.push(0);
    else if (closers.has(type) && chains.length > 1) chains.pop();
    else if (type === 'power' || type === 'superscript') chains[chains.length - 1]! += 1;
    else if (CHAIN_BREAKS.has(type) && previous !== 'power') chains[chains.length - 1] = 0;
    prefixes = (type === 'minus' || type === 'plus' || type === 'root') && previous !== 'name' && previous !== 'number' && !closers.has(previous ?? '') ? prefixes + 1 : 0;
    const depth = chains.length - 1 + chains[chains.length - 1]! + prefixes;
    if (depth > maxDepth) {
      const span = { offset: token.offset, end: token.offset + token.text.length, line: token.line, col: token.col };
      throw new InputError('too-large', `the expression is more than ${maxDepth} operations deep here (parentheses, powers of powers and signs count); the limit is ${maxDepth}`, { source, span, sourceName });
    }
    if (type === 'invalid') return; // the parser reports it
    previous = type;
  }
}

/** Rejects nesting deeper than the limit, pointing at the deepest place (walked without recursion). */
export function checkDepth(expr: Expr, source: string, given: ParseLimits, sourceName?: string): void {
  const limits = { ...given, maxDepth: Math.min(given.maxDepth, MAX_NESTING) };
  if (expr.depth <= limits.maxDepth) return;
  let node: Expr = expr;
  for (;;) {
    const children = childrenOf(node);
    const deepest = children.reduce<Expr | undefined>((a, b) => (!a || b.depth > a.depth ? b : a), undefined);
    if (!deepest || deepest.depth <= limits.maxDepth - 10) break;
    node = deepest;
  }
  const message = `the expression is ${expr.depth} operations deep (parentheses count, and a sum a + b + c + … counts one per term); the limit is ${limits.maxDepth}`;
  throw new InputError('too-large', message, { source, span: node.span, sourceName });
}
