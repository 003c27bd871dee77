# Claim heads and steps, shared by claims.ne (claim lines) and problems.ne (what a problem asks). An including
# grammar supplies the claims lexer and imports the constructors of src/syntax/claim.ts the postprocessors call.
@{%
// Tokens of included rules are plain variables (see expression.ne), in capitals to avoid clashes.
const [AT, EQUALS_SIGN, DERIVATIVE, DERIVATIVE_OF, PRIME, NAME_TOKEN, LEFT, RIGHT] = [
  'at', 'equals', 'derivative', 'derivativeOf', 'prime', 'name', 'lparen', 'rparen',
].map((type) => ({ type, test: (token: { type?: string }) => token.type === type }));
%}

steps       -> (%EQUALS_SIGN expr):+         {% ([pairs]) => pairs.map((pair: any) => pair[1]) %}
# What a claim is about; `df/dx` on its own is an expression (a derivative reference) that the checker reads as a derivative.
head        -> derivative                    {% id %}
             | derivative %AT assignments    {% ([head, , at]) => headAt(head, at) %}
             | expr                          {% ([expr]) => expressionHead(expr) %}
             | expr %AT assignments          {% ([expr, , at]) => headAt(expressionHead(expr), at) %}
# d/dx applies to one factor: write d/dx (3x^2), not d/dx 3x^2. A head f'(x) or f'(3) is an expression (below) that
# expressionHead makes a derivative claim.
derivative  -> %DERIVATIVE power             {% ([operator, expr]) => derivativeOfExpression(operator, expr) %}
# Inside claims, dL/dw is a value: `w - 0.1*dL/dw at w=2, x=3, y=10 = 4.4`.
primary     -> %DERIVATIVE_OF                {% ([token]) => derivativeReference(token) %}
# f'(x): the derivative of f at x, inside an expression too (`g = f'(x) + 1`).
             | %NAME_TOKEN %PRIME %LEFT expr %RIGHT  {% ([name, prime, , argument, close]) => primeCall(name, prime, argument, close) %}

@include "expression.ne"
