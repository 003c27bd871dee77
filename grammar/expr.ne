# The expression language: numbers, names, + - * / ^, implicit multiplication,
# function calls and bindings (`q = x + y; f = q*z`), one per line or separated by `;`.
# Postprocessors only build syntax nodes (src/syntax/tree.ts); meaning is given by src/graph/build.ts.
@preprocessor typescript
@{%
import { createLexer } from '../lexer.js';
import { binaryNode, bindNode, callNode, exprStatement, nameNode, numberNode, parenNode, unaryNode } from '../tree.js';
const lexer = createLexer();
%}
@lexer lexer

# A program: statements separated by new lines or semicolons; the last one is the output.
program     -> separator:* statement (separator:+ statement):* separator:*  {% ([, first, rest]) => [first, ...rest.map((r: any) => r[1])] %}
separator   -> %newline | %semicolon
statement   -> %name %equals expr            {% ([name, , expr]) => bindNode(name, expr) %}
             | expr                          {% ([expr]) => exprStatement(expr) %}


@include "expression.ne"
