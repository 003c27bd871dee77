# Problem files: problems, their givens, and the parts that ask for derivatives, values or steps, with points,
# optional instructor answers and partial-credit weights. The same files feed `chainrule grade` and `chainrule solve`.
#
#   problem backprop "Backpropagation through (x + y)z"
#   f = (x + y)*z
#   part a (3 points): df/dx = ?; df/dy = ?; df/dz = ?
#   part b (2 points): df/dx at x=-2, y=5, z=-4 = ?; f at x=-2, y=5, z=-4 = -12
#   credit b: 1, 1
#   at x=-2, y=5, z=-4
#
# `at` gives the point a worked solution traces the problem at (by default: the points of its asks, together).
# `(printed 0.305)` after `= ?` records the number a source (a lecture slide) printed for an ask; the worked solution
# compares it with the exact value and explains a difference (a rounded intermediate, for example).
#
# An ask is a claim head (as in claim lines) followed by `= ?` or by the instructor's answer. Points default to 1
# per part; the asks of a part share its points equally unless a credit line gives weights.
# Postprocessors only build syntax nodes (src/syntax/problem.ts, claim.ts, tree.ts).
@preprocessor typescript
@{%
import { createProblemLexer } from '../lexer.js';
import { absNode, binaryNode, bindNode, callNode, nameNode, numberNode, parenNode, rootNode, superscriptNode, transposeNode, unaryNode } from '../tree.js';
import { differentiateNode, primedGroup, primedName, derivativeReference, expressionHead, headAt, primeCall } from '../claim.js';
import { ask, creditLine, givenLine, partLine, pointLine, problemHeader } from '../problem.js';
import { cons, itemsOf } from '../lists.js';
const lexer = createProblemLexer();
%}
@lexer lexer

line        -> %problem identifier %string:?                 {% ([keyword, id, title]) => problemHeader(keyword, id, title, null) %}
# where the problem comes from (a lecture, a textbook), kept out of the title: problem p "Title" source "seed 000"
             | %problem identifier %string %source %string   {% ([keyword, id, title, , source]) => problemHeader(keyword, id, title, source) %}
             | %part identifier points:? %colon asks         {% ([keyword, id, points, , asks]) => partLine(keyword, id, points, asks) %}
             | %credit identifier %colon weights             {% ([keyword, part, , weights]) => creditLine(keyword, part, weights) %}
             | %name %equals expr                            {% ([name, , expr]) => givenLine(name, expr) %}
             | %at assignments                               {% ([keyword, at]) => pointLine(keyword, at) %}
identifier  -> %name                                         {% id %}
             | %number                                       {% id %}
points      -> %lparen %number (%point | %points) %rparen    {% ([, count]) => Number(count.text) %}
asks        -> askList                                       {% ([list]) => itemsOf(list) %}
askList     -> ask                                           {% ([first]) => cons(undefined, first) %}
             | askList %semicolon ask                        {% ([list, , next]) => cons(list, next) %}
ask         -> head %equals %question                        {% ([head]) => ask(head, null) %}
             | head %equals %question %lparen %printed expr %rparen  {% ([head, , , , , printed]) => ask(head, null, printed) %}
             | head steps                                    {% ([head, steps]) => ask(head, steps) %}
weights     -> weightList                                    {% ([list]) => itemsOf(list) %}
weightList  -> %number                                       {% ([first]) => cons(undefined, first) %}
             | weightList %comma %number                     {% ([list, , next]) => cons(list, next) %}

@include "claim-rules.ne"
