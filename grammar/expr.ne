# The expression language: numbers, names, + - * / ^, implicit multiplication,
# function calls and bindings (`q = x + y; f = q*z`), one per line or separated by `;`, and for tensor
# programs shape declarations (`W: 4x3; x: 3`).
# Postprocessors only build syntax nodes (src/syntax/tree.ts); meaning is given by src/graph/build.ts.
@preprocessor typescript
@{%
import { createLexer } from '../lexer.js';
import { cons, itemsOf } from '../lists.js';
import { absNode, binaryNode, bindNode, callNode, declareNode, exprStatement, nameNode, numberNode, parenNode, rootNode, superscriptNode, transposeNode, unaryNode } from '../tree.js';
const lexer = createLexer();
%}
@lexer lexer

# A program: statements separated by new lines or semicolons; the last one is the output.
# (the list is read out once the whole program is parsed: see parseProgram)
program     -> separators statement statements separators  {% ([, first, rest]) => ({ first, rest }) %}
statements  -> null                          {% () => undefined %}
             | statements separator separators statement  {% ([list, , , statement]) => cons(list, statement) %}
separators  -> null                          {% () => undefined %}
             | separators separator          {% () => undefined %}
separator   -> %newline | %semicolon
statement   -> %name %equals expr            {% ([name, , expr]) => bindNode(name, expr) %}
# A function definition `f(x) = x^2 sin(x)`, `loss(w, b) = …`: later statements apply it (f(2x)).
             | (%name | %call) %lparen parameters %rparen %equals expr  {% ([[name], , parameters, , , expr]) => bindNode(name, expr, itemsOf(parameters)) %}
             | expr                          {% ([expr]) => exprStatement(expr) %}
# A shape declaration: `W: 4x3` (read as 4 then the name x3), `W: 4 x 3`, `x: 3`; the tensor builder checks the text.
             | %name %colon dims             {% ([name, , dims]) => declareNode(name, dims) %}
dims        -> %number                       {% (tokens) => tokens %}
             | %number %name                 {% (tokens) => tokens %}
             | %number %name %number         {% (tokens) => tokens %}
# sizes left symbolic: `x: n`, `W: n x m`, `W: 4 x m`, `W: n x 3`
             | %name                         {% (tokens) => tokens %}
             | %name %name %name             {% (tokens) => tokens %}
             | %number %name %name           {% (tokens) => tokens %}
             | %name %name %number           {% (tokens) => tokens %}
parameters  -> %name                        {% ([first]) => cons(undefined, first) %}
             | parameters %comma %name       {% ([list, , name]) => cons(list, name) %}


@include "expression.ne"
