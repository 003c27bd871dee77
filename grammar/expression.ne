# Expressions, shared by every grammar that reads them (expr.ne, claims.ne): numbers, names, + - * / ^,
# implicit multiplication, function calls, and for tensor programs .* ./ and the postfix transpose '. An including grammar supplies the lexer and imports the
# syntax-node constructors of src/syntax/tree.ts that the postprocessors call.
@{%
// Rules from an included file name their tokens as plain variables (nearleyc applies the including grammar's
// @lexer only to its own rules), so each token type the rules below use is defined here as a token matcher,
// in capitals so as not to clash with the including grammar's own token declarations.
// ELEMENT_TIMES (.*), ELEMENT_DIVIDE (./) and TRANSPOSE (W') come only from the program lexer (tensor expressions):
// the claim and problem lexers never make them, so those grammars read exactly what they read before (f'(x) included).
const [NUMBER, NAME, CALL, PLUS, MINUS, TIMES, DIVIDE, POWER, LPAREN, RPAREN, COMMA, EQUALS, ELEMENT_TIMES, ELEMENT_DIVIDE, ELEMENT_POWER, TRANSPOSE, SUPERSCRIPT, ROOT, LBRACKET, RBRACKET, LBAR, RBAR] = [
  'number', 'name', 'call', 'plus', 'minus', 'times', 'divide', 'power', 'lparen', 'rparen', 'comma', 'equals',
  'elementTimes', 'elementDivide', 'elementPower', 'transpose', 'superscript', 'root', 'lbracket', 'rbracket', 'lbar', 'rbar',
].map((type) => ({ type, test: (token: { type?: string }) => token.type === type }));
%}

expr        -> sum                           {% id %}
sum         -> sum %PLUS term                {% ([l, op, r]) => binaryNode(l, op, r) %}
             | sum %MINUS term               {% ([l, op, r]) => binaryNode(l, op, r) %}
             | term                          {% id %}
# Implicit multiplication (`2x`, `2(x+1)`, `3 sin(x)`) binds like `*`; its right side never starts with a sign.
term        -> term %TIMES signed            {% ([l, op, r]) => binaryNode(l, op, r) %}
             | term %DIVIDE signed           {% ([l, op, r]) => binaryNode(l, op, r) %}
             | term %ELEMENT_TIMES signed    {% ([l, op, r]) => binaryNode(l, op, r) %}
             | term %ELEMENT_DIVIDE signed   {% ([l, op, r]) => binaryNode(l, op, r) %}
             | term power                    {% ([l, r]) => binaryNode(l, null, r) %}
             | signed                        {% id %}
# A sign binds tighter than * but looser than ^: -x^2 is -(x^2).
signed      -> %MINUS signed                 {% ([op, arg]) => unaryNode(op, arg) %}
             | %PLUS signed                  {% ([op, arg]) => unaryNode(op, arg) %}
             | power                         {% id %}
# ^ is right-associative and its exponent may carry a sign: 2^3^2 = 2^9, x^-1 = 1/x.
power       -> primary %POWER signed         {% ([l, op, r]) => binaryNode(l, op, r) %}
# A .^ 2: an elementwise power (tensor programs); on scalars it is ^.
             | primary %ELEMENT_POWER signed {% ([l, op, r]) => binaryNode(l, op, r) %}
# x², x⁻¹: a superscript is a power with a literal exponent.
             | primary %SUPERSCRIPT          {% ([l, op]) => superscriptNode(l, op) %}
             | primary                       {% id %}
primary     -> atom                          {% id %}
# √ takes the square root of the next number, name, call or parenthesis: √x² is (√x)²; write √(x^2) for the other.
             | %ROOT rooted                  {% ([op, arg]) => rootNode(op, arg) %}
# A postfix transpose binds tightest: W'x is (W')x, (W x)' transposes the product.
             | primary %TRANSPOSE            {% ([arg, op]) => transposeNode(arg, op) %}
rooted      -> atom                          {% id %}
             | %ROOT rooted                  {% ([op, arg]) => rootNode(op, arg) %}
atom        -> %NUMBER                       {% ([t]) => numberNode(t) %}
             | %NAME                         {% ([t]) => nameNode(t) %}
             | %CALL %LPAREN arguments %RPAREN  {% ([name, , args, close]) => callNode(name, itemsOf(args), close) %}
# A one-letter name before one parenthesis multiplies (x(x+1)), but before a list g(2, x) it applies a function.
             | %NAME %LPAREN expr %COMMA moreArguments %RPAREN  {% ([name, , first, , rest, close]) => callNode(name, [first, ...itemsOf(rest)], close) %}
             | %LPAREN expr %RPAREN          {% ([open, inner, close]) => parenNode(open, inner, close) %}
# [x^2] groups as (x^2) does; |x| is abs(x).
             | %LBRACKET expr %RBRACKET      {% ([open, inner, close]) => parenNode(open, inner, close) %}
             | %LBAR expr %RBAR              {% ([open, inner, close]) => absNode(open, inner, close) %}
# Lists are read out (itemsOf) by the rule that closes them, which completes once.
arguments   -> moreArguments                 {% id %}
moreArguments -> expr                        {% ([first]) => cons(undefined, first) %}
             | moreArguments %COMMA expr     {% ([list, , expr]) => cons(list, expr) %}

# `x=1, y=-2/3`: the values given with --at, and after `at` in a claim.
assignments -> assignmentList                {% id %}
assignmentList -> assignment                 {% ([first]) => cons(undefined, first) %}
             | assignmentList %COMMA assignment  {% ([list, , next]) => cons(list, next) %}
assignment  -> %NAME %EQUALS expr            {% ([name, , expr]) => bindNode(name, expr) %}

