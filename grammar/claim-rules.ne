# Claim heads and steps, shared by claims.ne (claim lines) and problems.ne (what a problem asks). An including
# grammar supplies the claims lexer and imports the constructors of src/syntax/claim.ts the postprocessors call.
@{%
// Tokens of included rules are plain variables (see expression.ne), in capitals to avoid clashes.
const [AT, EQUALS_SIGN, DERIVATIVE, DERIVATIVE_OF, PRIME, NAME_TOKEN, LEFT, RIGHT] = [
  'at', 'equals', 'derivative', 'derivativeOf', 'prime', 'name', 'lparen', 'rparen',
].map((type) => ({ type, test: (token: { type?: string }) => token.type === type }));
%}

steps       -> stepList                      {% id %}
stepList    -> %EQUALS_SIGN expr             {% ([, expr]) => cons(undefined, expr) %}
             | stepList %EQUALS_SIGN expr    {% ([list, , expr]) => cons(list, expr) %}
# What a claim is about; `df/dx` on its own is an expression (a derivative reference) that the checker reads as a derivative.
# A head that is a derivative alone (d/dx (…), df/dx, f'(x), (x^2)', d(x^2)/dx) is a derivative claim (expressionHead).
head        -> expr                          {% ([expr]) => expressionHead(expr) %}
             | expr %AT assignments          {% ([expr, , at]) => headAt(expressionHead(expr), at) %}
# y' = 3x^2: the derivative of the binding y by its only variable.
             | %NAME_TOKEN %PRIME            {% ([name, prime]) => primedName(name, prime) %}
             | %NAME_TOKEN %PRIME %AT assignments  {% ([name, prime, , at]) => headAt(primedName(name, prime), at) %}
# d/dx takes one factor here; claim reading then gives it the factors written after it, as a function without
# parentheses takes them (d/dx 3x^2 = d/dx (3x^2), d/dx cos^3(2x)), and rejects the forms that read two ways.
power       -> %DERIVATIVE signed            {% ([operator, expr]) => differentiateNode(operator, expr) %}
# (x^2)': the derivative of a parenthesised expression by its only variable.
primary     -> %LEFT expr %RIGHT %PRIME      {% ([open, expr, close, prime]) => primedGroup(open, expr, close, prime) %}
# Inside claims, dL/dw is a value: `w - 0.1*dL/dw at w=2, x=3, y=10 = 4.4`.
primary     -> %DERIVATIVE_OF                {% ([token]) => derivativeReference(token) %}
# f'(x): the derivative of f at x, inside an expression too (`g = f'(x) + 1`).
             | %NAME_TOKEN %PRIME %LEFT expr %RIGHT  {% ([name, prime, , argument, close]) => primeCall(name, prime, argument, close) %}

@include "expression.ne"
