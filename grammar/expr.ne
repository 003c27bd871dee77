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

# `x=1, y=-2/3`: the values given with --at.
assignments -> assignment (%comma assignment):*  {% ([first, rest]) => [first, ...rest.map((r: any) => r[1])] %}
assignment  -> %name %equals expr            {% ([name, , expr]) => bindNode(name, expr) %}

expr        -> sum                           {% id %}
sum         -> sum %plus term                {% ([l, op, r]) => binaryNode(l, op, r) %}
             | sum %minus term               {% ([l, op, r]) => binaryNode(l, op, r) %}
             | term                          {% id %}
# Implicit multiplication (`2x`, `2(x+1)`, `3 sin(x)`) binds like `*`; its right side never starts with a sign.
term        -> term %times signed            {% ([l, op, r]) => binaryNode(l, op, r) %}
             | term %divide signed           {% ([l, op, r]) => binaryNode(l, op, r) %}
             | term power                    {% ([l, r]) => binaryNode(l, null, r) %}
             | signed                        {% id %}
# A sign binds tighter than * but looser than ^: -x^2 is -(x^2).
signed      -> %minus signed                 {% ([op, arg]) => unaryNode(op, arg) %}
             | %plus signed                  {% ([op, arg]) => unaryNode(op, arg) %}
             | power                         {% id %}
# ^ is right-associative and its exponent may carry a sign: 2^3^2 = 2^9, x^-1 = 1/x.
power       -> primary %power signed         {% ([l, op, r]) => binaryNode(l, op, r) %}
             | primary                       {% id %}
primary     -> %number                       {% ([t]) => numberNode(t) %}
             | %name                         {% ([t]) => nameNode(t) %}
             | %call %lparen arguments %rparen  {% ([name, , args, close]) => callNode(name, args, close) %}
             | %lparen expr %rparen          {% ([open, inner, close]) => parenNode(open, inner, close) %}
arguments   -> expr (%comma expr):*          {% ([first, rest]) => [first, ...rest.map((r: any) => r[1])] %}
