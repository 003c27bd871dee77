# Claim lines in LaTeX, as students write homework: `\frac{\partial f}{\partial x} = \frac{2xy}{z}`,
# `\frac{d}{dx}\left(x^2 \sin x\right) = 2x \sin x + x^2 \cos x`, `f'(3) = 6`, `\sigma(5.7) = 0.9966`,
# `f = \frac{x^2 y}{z}` (a binding) and continuation lines `= …`. It builds exactly the syntax of claims.ne
# (src/syntax/claim.ts, src/syntax/tree.ts), so nothing after the parser knows the line was LaTeX.
# The tokens come from src/syntax/latex.ts; postprocessors only build syntax nodes (src/syntax/latex-nodes.ts).
#
# How the ambiguous forms are read:
# - Letters are one variable each and side by side they multiply: `2xy` = 2·x·y, `x y`, `2\pi x`; `x(y+1)` = x·(y+1).
#   A subscript belongs to the name: `x_1` → x_1, `W_{12}` → W_12, `\theta_t` → theta_t. Greek letters are names
#   (`\alpha` → alpha, `\varphi` → phi); `\pi` and `e` are the constants. `\mathrm{loss}` (or \text, \mathit) is the
#   name loss, as chainrule's LaTeX printer writes longer names; it is a function when chainrule knows the function
#   (`\mathrm{ReLU}` → relu, in any case) or when a parenthesis follows it. `\operatorname{…}` is always a function.
# - `^`, `_`, `\sqrt` and `\frac` without braces take one character, as in LaTeX: `x^2y` = x²·y, `\frac12` = 1/2,
#   `\sqrt2`; `x^23` and `x_12` (which LaTeX shows as x²3 and x₁2) are rejected with "write … in braces".
#   `^` takes no sign without braces: `x^{-1}`. A second `^` needs braces: `{x^2}^3`.
# - `\sigma` right before a parenthesis is sigmoid (`\sigma(z)`, `\sigma\left(z\right)`); elsewhere it is the name sigma.
#   `\sigma'(z)` is the derivative of sigmoid.
# - A function with its argument in parentheses is one factor: `\sin(x)^2` = (sin x)², `\sin(x) y` = sin(x)·y,
#   `\ln(x+1)^2` = (ln(x+1))², as in the plain grammar. `\ln|x|` takes the absolute value as its argument.
# - A function without parentheses takes the factors written side by side after it, up to the next operator
#   (+ - \cdot \times / =), function or the end: `\sin x` = sin(x), `\sin x^2` = sin(x²), `\sin 2x` = sin(2x),
#   `\sin 2\pi x y` = sin(2πxy), `\ln \frac{x}{2}` = ln(x/2), `\sin x \cos x` = sin(x)·cos(x), `\sin x \cdot y` = sin(x)·y,
#   `\ln \sin x` = ln(sin x). A parenthesis straight after such an argument is an error (`\sin x (1+x)`: is it
#   sin(x)·(1+x) or sin(x(1+x))?): write `\sin(x)\,(1+x)`, `\sin x \cdot (1+x)` or `\sin\left(x(1+x)\right)`.
# - A power of a function is a power of its value: `\sin^2 x` = `\sin^{2}(x)` = sin(x)²; only a number may stand there,
#   and `\sin^{-1}` is rejected as ambiguous (write \arcsin).
# - `\log` and `\ln` are natural; `\log_b x` and `\log_{10}(x)` are log(x, b). `\sqrt[n]{x}` is x^(1/n).
# - `\frac{d}{dx}` (or `d/dx`, `\partial/\partial x`) applies as a function without parentheses does: `\frac{d}{dx} x^2`,
#   `\frac{d}{dx} 3x^2` (= d/dx (3x²)), `\frac{d}{dx} \sin x^2`, `\frac{d}{dx}\left(3x^2\right)`, and inside steps
#   (`= \frac{d}{dx}(x^2) \sin x + x^2 \frac{d}{dx}(\sin x)`). In a claim's head it differentiates the whole left side
#   (`\frac{d}{dx}(x^2+1)(x-1)`, `\frac{d}{dx} x^2 + 3x`); in a step, where its operand is not in brackets and more
#   follows (`= \frac{d}{dx} x^2 \sin x`), the line reads two ways and is an error that says so.
#   `\frac{d}{dx} f(x)` is `\frac{df}{dx}`. `dL/dw` and `\frac{\partial L}{\partial w}` are values inside expressions too.
# - Plain function names are not commands: `sin(x)` in a LaTeX line would be s·i·n·x, so it is an error that says so.
# - A line that starts `f(x) =` or `L(w, b) =` (a name, then names in parentheses) defines f: it reads as `f = …`.
#   Anywhere else a name before a parenthesis multiplies (`x(x+1)`); `f(3) = 9` is f·3 = 9.
# - A point: `\frac{df}{dx} \text{ at } x=3, y=4 = …`, `\frac{df}{dx}\Big|_{x=3} = …`, `|_{x=3}`, `\right|_{x=3}`
#   (with or without `\left.` in front).
# - `|x|`: a bar opens an absolute value unless it follows the end of an operand while one is open, so `|a|b|c|` =
#   |a|·b·|c| and `||x|-1|` nests. `\left| \right|`, `\lvert \rvert` are unambiguous.
# - `( )`, `\left( \right)`, `\big( \big)`, `[ ]` and `{ }` group; `\, \; \! \quad`, `$`, `\left.`, `%` comments and
#   the `&` and `\\` of align environments are ignored (`&= 2x \\` is a continuation line).
# - Not read: derivatives of higher order (`\frac{d^2 f}{dx^2}`, rejected), `\sec \csc \cot`, `\{ \}`.
@preprocessor typescript
@{%
import { binaryNode, numberNode, parenNode, tokenSpan, unaryNode } from '../tree.js';
import { cons, itemsOf } from '../lists.js';
import { claimLine, continuationLine, headAt, expressionHead } from '../claim.js';
import {
  derivativeHead, functionHead, texAbs, texApply, texPowerOfApplication, texBind, texDerivativeOfFunction, texDerivativeReference, texDigitFraction, texFraction, texName,
  texOperation, texPrimeCall, texRoot, texSqrt,
} from '../latex-nodes.js';
// Tokens are matched by type (src/syntax/latex.ts makes them); the parser is given the lexer when it runs.
const matcher = (type: string) => ({ type, test: (token: { type?: string }) => token.type === type });
const [NUMBER, NAME, FUNCTION, SIGMOID, LOG_BASE, FRAC, FRAC_DIGITS, SQRT] = ['number', 'name', 'function', 'sigmoid', 'logBase', 'frac', 'fracDigits', 'sqrt'].map(matcher);
const [PLUS, MINUS, TIMES, DIVIDE, POWER, EQUALS, COMMA, PRIME] = ['plus', 'minus', 'times', 'divide', 'power', 'equals', 'comma', 'prime'].map(matcher);
const [LPAREN, RPAREN, LBRACKET, RBRACKET, LBRACE, RBRACE, ABS_OPEN, ABS_CLOSE, LBAR, RBAR] =
  ['lparen', 'rparen', 'lbracket', 'rbracket', 'lbrace', 'rbrace', 'absOpen', 'absClose', 'lbar', 'rbar'].map(matcher);
const [DERIVATIVE, DERIVATIVE_OF, TEXT_AT, AT_BAR] = ['derivative', 'derivativeOf', 'textAt', 'atBar'].map(matcher);
%}

line        -> head steps                    {% ([head, steps]) => claimLine(head, steps) %}
             | steps                         {% ([steps]) => continuationLine(steps) %}
steps       -> stepList                      {% id %}
stepList    -> %EQUALS expr                  {% ([, expr]) => cons(undefined, expr) %}
             | stepList %EQUALS expr         {% ([list, , expr]) => cons(list, expr) %}
# A head that is a derivative alone (\frac{d}{dx}(…), \frac{df}{dx}, f'(x)) is a derivative claim (expressionHead).
head        -> subject                       {% id %}
             | subject %TEXT_AT assignments  {% ([head, , at]) => headAt(head, at) %}
             | subject %AT_BAR %LBRACE assignments %RBRACE  {% ([head, , , at]) => headAt(head, at) %}
subject     -> expr                          {% ([expr]) => expressionHead(expr) %}
             | %DERIVATIVE %NAME %LPAREN parameters %RPAREN  {% ([operator, name, , , close]) => texDerivativeOfFunction(operator, name, close) %}
# `f(x) = …`, `L(w, b) = …` define f: read as `f = …` (src/syntax/latex.ts starts here when a line begins so).
definition  -> %NAME %LPAREN parameters %RPAREN steps  {% ([name, , , , steps]) => claimLine(expressionHead(texName(name)), steps) %}
parameters  -> %NAME
             | parameters %COMMA %NAME
assignments -> assignmentList                {% id %}
assignmentList -> assignment                 {% ([first]) => cons(undefined, first) %}
             | assignmentList %COMMA assignment  {% ([list, , next]) => cons(list, next) %}
assignment  -> %NAME %EQUALS expr            {% ([name, , expr]) => texBind(name, expr) %}

expr        -> sum                           {% id %}
sum         -> sum %PLUS term                {% ([l, op, r]) => binaryNode(l, op, r) %}
             | sum %MINUS term               {% ([l, op, r]) => binaryNode(l, op, r) %}
             | term                          {% id %}

# Products. A term ends either "closed" or "open": open when its last factor is a function applied without
# parentheses, whose argument would take any plain factor written after it; so after an open term only another
# function may follow side by side. Side by side never starts with a sign (as in the plain grammar).
term        -> closedTerm                    {% id %}
             | openTerm                      {% id %}
closedTerm  -> term %TIMES closedSigned      {% ([l, op, r]) => texOperation(l, op, r) %}
             | term %DIVIDE closedSigned     {% ([l, op, r]) => texOperation(l, op, r) %}
             | closedTerm closedFactor       {% ([l, r]) => binaryNode(l, null, r) %}
             | openTerm closedApplication    {% ([l, r]) => binaryNode(l, null, r) %}
             | closedSigned                  {% id %}
openTerm    -> term %TIMES openSigned        {% ([l, op, r]) => texOperation(l, op, r) %}
             | term %DIVIDE openSigned       {% ([l, op, r]) => texOperation(l, op, r) %}
             | term openApplication          {% ([l, r]) => binaryNode(l, null, r) %}
             | openSigned                    {% id %}
# A sign binds tighter than a product and looser than ^: -x^2 is -(x^2).
closedSigned -> %MINUS closedSigned          {% ([op, arg]) => unaryNode(op, arg) %}
             | %PLUS closedSigned            {% ([op, arg]) => unaryNode(op, arg) %}
             | closedFactor                  {% id %}
openSigned  -> %MINUS openSigned             {% ([op, arg]) => unaryNode(op, arg) %}
             | %PLUS openSigned              {% ([op, arg]) => unaryNode(op, arg) %}
             | openApplication               {% id %}

closedFactor -> simple                       {% id %}
             | group                         {% id %}
             | closedApplication             {% id %}
# Plain factors: what a function without parentheses takes as its argument.
simple      -> atom                          {% id %}
             | atom %POWER script            {% ([l, op, r]) => binaryNode(l, op, r) %}
atom        -> %NUMBER                       {% ([t]) => numberNode(t) %}
             | %NAME                         {% ([t]) => texName(t) %}
             | %FRAC argument argument       {% ([frac, numerator, denominator]) => texFraction(frac, numerator, denominator) %}
             | %FRAC_DIGITS                  {% ([t]) => texDigitFraction(t) %}
             | %SQRT argument                {% ([sqrt, arg]) => texSqrt(sqrt, arg) %}
             | %SQRT %LBRACKET expr %RBRACKET argument  {% ([sqrt, open, index, close, arg]) => texRoot(sqrt, open, index, close, arg) %}
             | %LBRACE expr %RBRACE          {% ([open, inner, close]) => parenNode(open, inner, close) %}
# \frac{\partial L}{\partial w} (or dL/dw) is a value inside an expression; f'(x), \sigma'(z) a call of the derivative.
             | %DERIVATIVE_OF                {% ([token]) => texDerivativeReference(token) %}
             | %NAME %PRIME %LPAREN expr %RPAREN  {% ([name, , , argument, close]) => texPrimeCall(name, argument, close) %}
# What ^, \frac and \sqrt take: a group in braces, or one character (the lexer rejects x^23: one digit only).
argument    -> %LBRACE expr %RBRACE          {% ([open, inner, close]) => parenNode(open, inner, close) %}
             | %NUMBER                       {% ([t]) => numberNode(t) %}
             | %NAME                         {% ([t]) => texName(t) %}
script      -> argument                      {% id %}
group       -> enclosed                      {% id %}
             | enclosed %POWER script        {% ([l, op, r]) => binaryNode(l, op, r) %}
enclosed    -> %LPAREN expr %RPAREN          {% ([open, inner, close]) => parenNode(open, inner, close) %}
             | %LBRACKET expr %RBRACKET      {% ([open, inner, close]) => parenNode(open, inner, close) %}
             | absolute                      {% id %}
absolute    -> %ABS_OPEN expr %ABS_CLOSE     {% ([open, inner, close]) => texAbs(open, inner, close) %}
             | %LBAR expr %RBAR              {% ([open, inner, close]) => texAbs(open, inner, close) %}

# Function applications. Closed: the argument is in parentheses (\sin(x), \max(a, b), \ln|x|), or is a closed
# application (\ln \sin(x)). Open: the argument is the plain factors after it (\sin 2x), or an open application.
# A power after the parentheses belongs to the innermost application: \ln \sin(x)^2 = ln(sin(x)^2); after \frac{d}{dx}(…)
# it belongs to what is differentiated: \frac{d}{dx}(x^2 + 1)^3 = d/dx ((x^2 + 1)^3).
closedApplication -> parenthesised           {% id %}
             | parenthesised %POWER script   {% ([l, op, r]) => texPowerOfApplication(l, op, r) %}
             | fnHead closedApplication      {% ([head, arg]) => texApply(head, [arg], arg.span) %}
parenthesised -> fnHead %LPAREN arguments %RPAREN  {% ([head, open, args, close]) => texApply(head, itemsOf(args), tokenSpan(close), tokenSpan(open)) %}
             | fnHead %LBRACKET expr %RBRACKET     {% ([head, open, arg, close]) => texApply(head, [arg], tokenSpan(close), tokenSpan(open)) %}
             | fnHead absolute               {% ([head, arg]) => texApply(head, [arg], arg.span) %}
openApplication -> fnHead plainFactors       {% ([head, arg]) => texApply(head, [arg], arg.span) %}
             | fnHead openApplication        {% ([head, arg]) => texApply(head, [arg], arg.span) %}
plainFactors -> simple                       {% id %}
             | plainFactors simple           {% ([l, r]) => binaryNode(l, null, r) %}
# (read out by the rule that closes the parenthesis, which completes once)
arguments   -> argumentList                  {% id %}
argumentList -> expr                         {% ([first]) => cons(undefined, first) %}
             | argumentList %COMMA expr      {% ([list, , expr]) => cons(list, expr) %}
fnHead      -> fnName                        {% ([name]) => functionHead(name) %}
# \frac{d}{dx} (or d/dx) applies as a function does: \frac{d}{dx}(x^2), \frac{d}{dx} x^2, \frac{d}{dx} \sin x.
             | %DERIVATIVE                   {% ([operator]) => derivativeHead(operator) %}
             | fnName %POWER fnPower         {% ([name, caret, exponent]) => functionHead(name, undefined, caret, exponent) %}
             | %LOG_BASE argument            {% ([name, base]) => functionHead(name, base) %}
             | %LOG_BASE argument %POWER fnPower  {% ([name, base, caret, exponent]) => functionHead(name, base, caret, exponent) %}
fnName      -> %FUNCTION                     {% id %}
             | %SIGMOID                      {% id %}
# \sin^2 x: only a number may raise a function (\sin^{-1} is rejected before parsing as ambiguous).
fnPower     -> %NUMBER                       {% ([t]) => numberNode(t) %}
             | %LBRACE %NUMBER %RBRACE       {% ([open, t, close]) => parenNode(open, numberNode(t), close) %}
