/** Syntax of network-spec lines (`input 3`, `dense 4 relu`, `loss mse`, …), built by grammar/network.ne. */
import moo from 'moo';
import { wrap, type NearleyLexer } from './lexer.js';
import { joinSpans, tokenSpan, type Span, type Token } from './tree.js';

/** A word or number as written, with where it was written. */
export interface Word {
  readonly text: string;
  readonly span: Span;
}

/** An activation as written: its name and, in `leaky_relu(0.1)`, its parameter and the span of `(0.1)`. */
export interface ActivationSyntax {
  readonly name: Word;
  readonly parameter?: Word;
  readonly parameterSpan?: Span;
}

/** One line of a network spec; `keyword` is the span of its first word. */
export type NetworkLine =
  | { readonly kind: 'input'; readonly keyword: Span; readonly size: Word }
  | { readonly kind: 'dense'; readonly keyword: Span; readonly units: Word; readonly activation: ActivationSyntax }
  | { readonly kind: 'loss'; readonly keyword: Span; readonly name: Word }
  | { readonly kind: 'regularize'; readonly keyword: Span; readonly method: Word; readonly lambda: Word }
  | { readonly kind: 'convention'; readonly keyword: Span; readonly name: Word }
  /** A line starting with a word that is not a keyword (reported with "did you mean …?"). */
  | { readonly kind: 'unknown'; readonly keyword: Span; readonly word: string };

/** The keywords that start a line, in the order a spec uses them. */
export const NETWORK_KEYWORDS = ['input', 'dense', 'loss', 'regularize', 'convention'] as const;

const word = (token: Token): Word => ({ text: token.text, span: tokenSpan(token) });

/** `input <size>` */
export function inputLine(keyword: Token, size: Token): NetworkLine {
  return { kind: 'input', keyword: tokenSpan(keyword), size: word(size) };
}

/** `dense <units> <activation>` */
export function denseLine(keyword: Token, units: Token, activation: ActivationSyntax): NetworkLine {
  return { kind: 'dense', keyword: tokenSpan(keyword), units: word(units), activation };
}

/** `relu` or `leaky_relu(0.1)` */
export function activation(name: Token, open?: Token, parameter?: Token, close?: Token): ActivationSyntax {
  if (!open || !parameter || !close) return { name: word(name) };
  return { name: word(name), parameter: word(parameter), parameterSpan: joinSpans(tokenSpan(open), tokenSpan(close)) };
}

/** `loss <name>` */
export function lossLine(keyword: Token, name: Token): NetworkLine {
  return { kind: 'loss', keyword: tokenSpan(keyword), name: word(name) };
}

/** `regularize l2 <λ>` */
export function regularizeLine(keyword: Token, method: Token, lambda: Token): NetworkLine {
  return { kind: 'regularize', keyword: tokenSpan(keyword), method: word(method), lambda: word(lambda) };
}

/** `convention standard|transposed` */
export function conventionLine(keyword: Token, name: Token): NetworkLine {
  return { kind: 'convention', keyword: tokenSpan(keyword), name: word(name) };
}

/** A line whose first word is no keyword. */
export function unknownLine(first: Token): NetworkLine {
  return { kind: 'unknown', keyword: tokenSpan(first), word: first.text };
}

let compiled: moo.Lexer | undefined;

/** The moo lexer of network specs, in the shape nearley expects; it never returns blanks or comments. */
export function createNetworkLexer(): NearleyLexer {
  const inner = (compiled ??= moo.compile({
    blank: /[ \t\r]+/,
    comment: /#[^\n]*/,
    newline: { match: /\n/, lineBreaks: true },
    number: /-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/,
    name: { match: /[A-Za-z_][A-Za-z0-9_]*/, type: moo.keywords(Object.fromEntries(NETWORK_KEYWORDS.map((keyword) => [keyword, keyword]))) },
    lparen: '(',
    rparen: ')',
    invalid: moo.error,
  }));
  return wrap(inner);
}

/** Plain words for each kind of token, in the order "expected …" messages list them. */
export const NETWORK_WORDS: Readonly<Record<string, string>> = {
  input: '"input"',
  dense: '"dense"',
  loss: '"loss"',
  regularize: '"regularize"',
  convention: '"convention"',
  number: 'a number',
  name: 'a name',
  lparen: '"("',
  rparen: '")"',
  invalid: 'a character the spec language does not use',
  newline: 'the end of the line',
};

/** How each kind of line is written, for the hints of syntax errors. */
export const NETWORK_USAGE: Readonly<Record<(typeof NETWORK_KEYWORDS)[number], string>> = {
  input: 'input <features>, such as: input 3',
  dense: 'dense <units> <activation>, such as: dense 4 relu, or dense 4 leaky_relu(0.1)',
  loss: 'loss <name>, such as: loss mse',
  regularize: 'regularize l2 <λ>, such as: regularize l2 0.01',
  convention: 'convention standard, or convention transposed',
};
