/** The tokenizer shared by the grammars: moo, with blanks and comments dropped. */
import moo from 'moo';

const NAME = /[A-Za-z_][A-Za-z0-9_]*/;

/** Token rules; a name followed by `(` is a function call. */
const rules: moo.Rules = {
  blank: /[ \t\r]+/,
  comment: /#[^\n]*/,
  newline: { match: /\n/, lineBreaks: true },
  number: /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/,
  call: new RegExp(`${NAME.source}(?=[ \\t]*\\()`),
  name: NAME,
  plus: '+',
  minus: '-',
  times: '*',
  divide: '/',
  power: '^',
  lparen: '(',
  rparen: ')',
  comma: ',',
  semicolon: ';',
  equals: '=',
  invalid: moo.error,
};

const SKIPPED = new Set(['blank', 'comment']);

/** A fresh lexer, in the shape nearley expects, that never returns blanks or comments. */
export function createLexer() {
  const inner = moo.compile(rules);
  const lexer = {
    reset(chunk: string, state?: moo.LexerState) {
      inner.reset(chunk, state);
      return lexer;
    },
    next(): moo.Token | undefined {
      let token = inner.next();
      while (token && SKIPPED.has(token.type ?? '')) token = inner.next();
      return token;
    },
    save: () => inner.save(),
    formatError: (token: moo.Token, message?: string) => inner.formatError(token, message),
    has: (type: string) => inner.has(type),
  };
  return lexer;
}

/** Plain words for each kind of token, in the order they are listed in "expected …" messages. */
export const TOKEN_WORDS: Readonly<Record<string, string>> = {
  rparen: '")"',
  number: 'a number',
  name: 'a name',
  call: 'a function call',
  lparen: '"("',
  plus: 'an operator (+ - * / ^)',
  minus: 'an operator (+ - * / ^)',
  times: 'an operator (+ - * / ^)',
  divide: 'an operator (+ - * / ^)',
  power: 'an operator (+ - * / ^)',
  comma: '","',
  equals: '"="',
  newline: 'the end of the statement',
  semicolon: 'the end of the statement',
  invalid: 'a character the language does not use',
};
