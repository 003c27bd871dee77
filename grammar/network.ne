# Network specs: one statement per line, read line by line (src/nn/spec.ts appends the newline each line ends with).
#
#   input 3
#   dense 4 relu
#   dense 3 softmax            # or leaky_relu(0.1), elu(1.5)
#   loss cross_entropy
#   regularize l2 0.01
#   convention transposed      # seed 001's a = σ(Wᵀa + b); the default is standard, z = W a + b
#
# Names (activations, losses, l2, conventions) are plain names here: src/nn/spec.ts checks them, so a typo gets
# "did you mean …?". Postprocessors only build syntax nodes (src/syntax/network.ts).
@preprocessor typescript
@{%
import { activation, conventionLine, createNetworkLexer, denseLine, inputLine, lossLine, regularizeLine, unknownLine } from '../network.js';
const lexer = createNetworkLexer();
%}
@lexer lexer

line        -> statement %newline                            {% id %}
statement   -> %input %number                                {% ([keyword, size]) => inputLine(keyword, size) %}
             | %dense %number activation                     {% ([keyword, units, act]) => denseLine(keyword, units, act) %}
             | %loss %name                                   {% ([keyword, name]) => lossLine(keyword, name) %}
             | %regularize %name %number                     {% ([keyword, method, lambda]) => regularizeLine(keyword, method, lambda) %}
             | %convention %name                             {% ([keyword, name]) => conventionLine(keyword, name) %}
             | %name anythings                               {% ([first]) => unknownLine(first) %}
anythings   -> null                                          {% () => undefined %}
             | anythings anything                            {% () => undefined %}
activation  -> %name                                         {% ([name]) => activation(name) %}
             | %name %lparen %number %rparen                 {% ([name, open, parameter, close]) => activation(name, open, parameter, close) %}
anything    -> (%name | %number | %lparen | %rparen | %input | %dense | %loss | %regularize | %convention)
