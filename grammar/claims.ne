# Claim lines, as students write them: `d/dx (x^2*sin(x)) = 2x sin(x) + x^2 cos(x)`, `df/dx = 2*x*y/z`,
# `∂f/∂z = -x^2*y/z^2`, `f'(x) = …`, `df/dx at x=3, y=4 = 12`, `sigmoid(5.7) = 0.9966`, and derivation
# lines that continue the claim above: `= 2*x*(…)`. A bare name with one step is a binding (`f = x^2*y/z`).
# Postprocessors only build syntax nodes (src/syntax/claim.ts, src/syntax/tree.ts).
@preprocessor typescript
@{%
import { createClaimLexer } from '../lexer.js';
import { absNode, binaryNode, bindNode, callNode, nameNode, numberNode, parenNode, rootNode, superscriptNode, transposeNode, unaryNode } from '../tree.js';
import { claimLine, continuationLine, declarationLine, differentiateNode, primedGroup, primedName, derivativeReference, expressionHead, headAt, primeCall } from '../claim.js';
import { cons, itemsOf } from '../lists.js';
const lexer = createClaimLexer();
%}
@lexer lexer

line        -> head steps                    {% ([head, steps]) => claimLine(head, steps) %}
             | steps                         {% ([steps]) => continuationLine(steps) %}
# A shape declaration (`W: 4x3`, `x: 3`): a line of a matrix claims file, which is read as a tensor program.
             | %name %colon shape            {% ([name]) => declarationLine(name) %}
shape       -> %number | %number %name | %number %name %number | %number %times (%number | %name)
             | %name | %name %name %name | %number %name %name | %name %name %number | %name %times (%number | %name)

@include "claim-rules.ne"
