#!/usr/bin/env python3
"""Generator and independent verifier of test/corpus/identities.tsv.

The rows below are written by hand (pairs `a`, `b` in chainrule's plain syntax, the label and why). This script
does not use chainrule: it parses each side with its own small parser of the subset of chainrule's expression
language that the rows use, evaluates both sides with mpmath over the reals under the README's rules (section
"Identities": the common real domain of the two sides as written; a negative base takes integer exponents only;
cbrt is the real cube root; 0^0 = 1 as in chainrule and JavaScript; log(x, b) is log base b), and decides:

  * each side is evaluated at a point twice, with P and 2P significant digits, where P is at least 200 and is
    raised to 200 digits more than the largest intermediate value of the side allows for its cancellation
    (cosh(x)^2 - sinh(x)^2 at x = -1e4 is evaluated with about 8,900 digits); the two evaluations must agree to
    1e-130 of the value and on whether the side is defined, or P is doubled (acos(tanh(x)) at x = 293 needs more
    than 255 digits), up to 20,000 digits; a point that does not settle is skipped (a pole hit exactly, or a value
    beyond exp(1e7));
  * a point counts only where both sides are defined;
  * `incorrect` if the sides differ by more than 1e-130 of their size at one such point (the witness with the
    largest relative difference is printed; the smallest intended difference is 1e-100, in (1 + 10^(-100)) exp(x));
  * `correct` if they agree at every such point (and there are enough of them);
  * `undetermined` if there is no such point.

Points given exactly (a row's extra value written '=1/3' or '=sqrt(2)', where a kink of sign or floor sits) are
evaluated exactly with sympy under the same real rules, so that sign(x - 1/3)^2 = 1 is seen to fail at x = 1/3.

The points: every variable independently takes integers and half-integers from -12 to 12, a fixed list of
magnitudes from 1e-3 to 1e4 with both signs, 700 random reals (log-uniform 1e-3..1e4 with random signs, and uniform
in [-1.5, 1.5] and [-15, 15]), and, for some rows, extra points named in the row (a witness far away, such as
x = 1e8 for a difference that starts at |x| > 1e7). Functions of several variables are sampled on a grid of
special values of each variable and on random tuples.

With --sympy, each `correct` row is also given to sympy (simplify(a - b) == 0, symbols declared positive), as an
extra, informational check; sympy's complex principal branches are not the README's real rules, so a row sympy
cannot prove is reported, not rejected.

Usage:  python3 test/corpus/tools/identities.py [--write] [--sympy] [--only N] [--jobs N]
        --write writes test/corpus/identities.tsv when every label is confirmed; otherwise only the report is printed.
"""
from __future__ import annotations

import argparse
import itertools
import multiprocessing
import os
import random
import re
import sys

import mpmath

sys.set_int_max_str_digits(0)
from mpmath import mp, mpf

C, I, U = 'correct', 'incorrect', 'undetermined'

# (a, b, verdict, why[, extra points {var: [values]}]). Plain numbers only on the left side or as integers.
ROWS: list[tuple] = [
    # ---------------------------------------------------------------- trigonometric identities that hold
    ('sin(3x)', '3sin(x) - 4sin(x)^3', C, 'triple angle'),
    ('cos(7x)', '64cos(x)^7 - 112cos(x)^5 + 56cos(x)^3 - 7cos(x)', C, 'T7(cos x)'),
    ('cos(8x)', '128cos(x)^8 - 256cos(x)^6 + 160cos(x)^4 - 32cos(x)^2 + 1', C, 'T8(cos x), degree 8'),
    ('sin(x)^6 + cos(x)^6', '(5 + 3cos(4x))/8', C, '1 - 3 sin^2 cos^2 = 1 - 3/8 (1 - cos 4x)'),
    ('cos(x)^5', '(10cos(x) + 5cos(3x) + cos(5x))/16', C, 'power reduction, degree 5'),
    ('cot(x) - tan(x)', '2cot(2x)', C, 'same poles (x = k pi/2)'),
    ('(1 - cos(2x))/(1 + cos(2x))', 'tan(x)^2', C, 'same domain: cos(2x) = -1 exactly where cos(x) = 0'),
    ('cos(x)^2 - cos(y)^2', '-sin(x + y)sin(x - y)', C, 'cos^2 x - cos^2 y = sin^2 y - sin^2 x, a product of the addition formulas'),
    ('tan(x + y)', '(tan(x) + tan(y))/(1 - tan(x)tan(y))', C, 'equal where both are defined; at x = y = pi/2 only the left side is'),
    ('cos(x)cos(2x)cos(4x)', 'sin(8x)/(8sin(x))', C, 'telescoping double angles; domains differ at x = k pi (the right side is undefined)'),
    ('tan(x)tan(pi/3 - x)tan(pi/3 + x)', 'tan(3x)', C, 'classical triple product; poles coincide'),
    ('sin(x)/(1 - cos(x))', '(1 + cos(x))/sin(x)', C, 'domains differ: at x = pi the left side is 0, the right side undefined'),
    ('sin(x)', '2tan(x/2)/(1 + tan(x/2)^2)', C, 'Weierstrass substitution; the right side is undefined at x = pi'),
    ('abs(sin(x/2))', 'sqrt((1 - cos(x))/2)', C, 'half angle with the absolute value'),
    ('sin(x + 2*pi*floor(x))', 'sin(x)', C, 'a whole number of periods at every x'),
    ('cos(pi*floor(x))', '(-1)^floor(x)', C, 'the exponent is always an integer, so the negative base is allowed'),
    ('cos(2*pi*floor(x))', '1', C, 'an integer number of periods'),
    ('atan(exp(x)) + atan(exp(-x))', 'pi/2', C, 'atan(u) + atan(1/u) = pi/2 for u > 0'),
    ('sqrt(1 + sin(x))', 'abs(sin(x/2) + cos(x/2))', C, '1 + sin(x) = (sin(x/2) + cos(x/2))^2'),
    # ---------------------------------------------------------------- trigonometric claims that fail somewhere
    ('cos(x)', 'sqrt(1 - sin(x)^2)', I, 'false where cos(x) < 0, e.g. x = 2 or x = -3'),
    ('sin(x/2)', 'sqrt((1 - cos(x))/2)', I, 'false where sin(x/2) < 0: every x in (-2 pi, 0)'),
    ('sqrt(1 + sin(x))', 'sin(x/2) + cos(x/2)', I, 'false where sin(x/2) + cos(x/2) < 0, e.g. x = -2'),
    ('tan(x + y)', '(tan(x) + tan(y))/(1 + tan(x)tan(y))', I, 'sign of the denominator; true only where tan(x) tan(y) = 0 or x + y is a multiple of pi'),
    ('cos(4x)', '8cos(x)^4 - 8cos(x)^2 - 1', I, 'constant term is +1: the sides differ by 2 everywhere'),
    ('sin(x + pi*floor(x))', 'sin(x)', I, 'an odd floor(x) flips the sign: false for x in [1, 2), e.g. x = 1.5'),
    ('cos(pi*x)', '(-1)^floor(x)', I, 'equal at integers only; differ at x = 1/2 (0 against 1)'),
    ('cos(2*pi*x)', '1', I, 'true at every integer, false between them'),
    ('sin(1000*pi*x)', '0', I, 'zero on the grid of multiples of 0.001 (every 3-digit decimal), not elsewhere', {'x': ['0.0005', '1.2345']}),
    ('cos(2000*pi*x)', '1', I, 'one at every multiple of 0.001, not between', {'x': ['0.0005', '0.1234567']}),
    # ---------------------------------------------------------------- inverse trigonometric functions
    ('asin(sin(x))', 'x', I, 'only for |x| <= pi/2'),
    ('acos(cos(x))', 'abs(x)', I, 'only for |x| <= pi'),
    ('sin(asin(x))', 'x', C, 'domains differ: the left side only for |x| <= 1'),
    ('atan(x) + atan(1/x)', 'pi/2', I, 'it is -pi/2 for x < 0'),
    ('atan(x) + atan(1/x)', 'pi/2*sign(x)', C, 'both signs right; at x = 0 only the right side is defined'),
    ('atan(1/x)', 'pi/2 - atan(x)', I, 'false for x < 0 (the sides differ by pi)'),
    ('atan(x) + atan(y)', 'atan((x + y)/(1 - x*y))', I, 'false when x y > 1, e.g. x = y = 2'),
    ('2atan(x)', 'atan(2x/(1 - x^2))', I, 'false for |x| > 1'),
    ('2atan(x)', 'asin(2x/(1 + x^2))', I, 'false for |x| > 1 (asin stays in [-pi/2, pi/2])'),
    ('2atan(x)', 'acos((1 - x^2)/(1 + x^2))', I, 'false for x < 0 (acos is never negative)'),
    ('2atan(x)', 'acos((1 - x^2)/(1 + x^2))*sign(x)', C, 'the sign repairs it; both sides 0 at x = 0'),
    ('asin(x)', 'acos(sqrt(1 - x^2))', I, 'false for -1 <= x < 0'),
    ('asin(x)', 'atan(x/sqrt(1 - x^2))', C, 'domains differ: at x = 1 only the left side is defined'),
    ('asin(x)', '2atan(x/(1 + sqrt(1 - x^2)))', C, 'half-angle form, defined on all of [-1, 1]'),
    ('asin(x) + acos(x)', 'pi/2', C, 'domains differ: the left side only for |x| <= 1'),
    ('acos(x)', '2atan(sqrt((1 - x)/(1 + x)))', C, 'domains differ: at x = -1 only the left side is defined'),
    ('acos(x)', 'atan(sqrt(1 - x^2)/x)', I, 'false for -1 <= x < 0 (atan is negative there)'),
    ('2acos(x)', 'acos(2x^2 - 1)', I, 'false for -1 <= x < 0 (2 acos x > pi there)'),
    ('atan(x)', 'acos(1/sqrt(1 + x^2))', I, 'false for x < 0'),
    ('tan(acos(x))', 'sqrt(1 - x^2)/x', C, 'same domain: both undefined at x = 0 (tan(pi/2)), and outside [-1, 1]'),
    ('cos(2acos(x))', '2x^2 - 1', C, 'T2; domains differ (the left side only on [-1, 1])'),
    # ---------------------------------------------------------------- hyperbolic
    ('cosh(x)^2 - sinh(x)^2', '1', C, 'float64 loses everything for |x| > 20 (cancellation)'),
    ('tanh(x)', '(exp(2x) - 1)/(exp(2x) + 1)', C, 'overflows float64 for x > 355'),
    ('cosh(x) + sinh(x)', 'exp(x)', C, 'definition'),
    ('cosh(x) - sinh(x)', 'exp(-x)', C, 'cancellation for large x'),
    ('cosh(x + y)', 'cosh(x)cosh(y) + sinh(x)sinh(y)', C, 'addition formula'),
    ('tanh(x/2)', '(cosh(x) - 1)/sinh(x)', C, 'half argument; at x = 0 only the left side is defined'),
    ('asinh(x)', 'log(x + sqrt(x^2 + 1))', C, 'cancellation for large negative x'),
    ('acosh(x)', 'log(x + sqrt(x^2 - 1))', C, 'same domain x >= 1 (for x <= -1 the argument of log is negative)'),
    ('atanh(x)', 'log((1 + x)/(1 - x))/2', C, 'same domain |x| < 1'),
    ('acosh(x)', 'asinh(sqrt(x^2 - 1))', C, 'domains differ: for x <= -1 only the right side is defined'),
    ('asinh(x)', 'atanh(x/sqrt(1 + x^2))', C, 'x/sqrt(1 + x^2) is tanh(asinh x); its |.| < 1 but rounds to 1 in float64 for |x| > 1e8'),
    ('acosh(cosh(x))', 'abs(x)', C, 'acosh returns the non-negative value'),
    ('asin(tanh(x))', 'atan(sinh(x))', C, 'two forms of the Gudermannian function'),
    ('acos(tanh(x))', '2atan(exp(-x))', C, 'the Gudermannian through acos; float64 rounds tanh(x) to 1 for x > 19'),
    ('log(x + sqrt(x^2 - 1)) + log(x - sqrt(x^2 - 1))', '0', C, 'the arguments multiply to 1; domains differ (the left side only for x >= 1)'),
    ('atanh(tanh(x))', 'x', C, 'tanh(x) < 1 for every x, though float64 rounds it to 1 for x > 19'),
    ('cosh(acosh(x))', 'x', C, 'domains differ: the left side only for x >= 1'),
    ('log(1 + exp(x))', 'x + log(1 + exp(-x))', C, 'softplus written stably'),
    ('log(exp(x) + exp(y))', 'max(x, y) + log(1 + exp(-abs(x - y)))', C, 'log-sum-exp written stably, two variables'),
    ('sqrt(x^2 + 1) - x', '1/(sqrt(x^2 + 1) + x)', C, 'rationalised; the left side cancels catastrophically for large x'),
    ('sinh(x)', 'sqrt(cosh(x)^2 - 1)', I, 'false for x < 0'),
    ('cosh(x - y)', 'cosh(x)cosh(y) + sinh(x)sinh(y)', I, 'that is cosh(x + y); equal only when x = 0 or y = 0'),
    ('sinh(3x)', '3sinh(x) - 4sinh(x)^3', I, 'the trigonometric sign carried over'),
    ('tanh(2x)', '2tanh(x)/(1 - tanh(x)^2)', I, 'the trigonometric sign carried over; that is sinh(2x)'),
    ('acosh(x)', 'log(x - sqrt(x^2 - 1))', I, 'that is -acosh(x); equal only at x = 1'),
    ('exp(x)', 'cosh(x) + abs(sinh(x))', I, 'false for x < 0 (the right side is exp(-x) there)'),
    ('log(cosh(x))', 'abs(x) - log(2)', I, 'only asymptotically: the difference log(1 + exp(-2|x|)) is below float64 resolution for |x| > 19'),
    ('log(1 + exp(x))', 'max(x, 0)', I, 'only asymptotically (the difference is log(1 + exp(-|x|)))'),
    ('tanh(x)', 'sign(x)', I, 'they differ at every x but 0; float64 rounds tanh(x) to +-1 for |x| > 19'),
    # ---------------------------------------------------------------- logarithms and exponentials
    ('log(x^2)', '2log(x)', C, 'domains differ: for x < 0 only the left side is defined'),
    ('log(abs(x))', 'log(x)', C, 'equal where both are defined (x > 0); domains differ'),
    ('exp(log(x))', 'x', C, 'domains differ: the left side only for x > 0'),
    ('log(x*y)', 'log(x) + log(y)', C, 'domains differ: for x, y < 0 only the left side is defined'),
    ('log(abs(x*y))', 'log(abs(x)) + log(abs(y))', C, 'the same domain xy != 0'),
    ('log(x^y)', 'y*log(x)', C, 'domains differ: x = -2, y = 2 only the left side'),
    ('log(x, y)', '1/log(y, x)', C, 'domains differ: at x = 1 the left side is 0 and the right side has base 1'),
    ('log(x^2, x)', '2', C, 'domains differ: base x must be positive and not 1'),
    ('log(x^3)', '3log(x)', C, 'odd power: the same domain x > 0, no note'),
    ('log(x^(1/3))', 'log(x)/3', C, 'x^(1/3) needs x >= 0, log needs > 0: the same domain'),
    ('log(1 + x) - log(x)', 'log(1 + 1/x)', C, 'domains differ: for x < -1 only the right side is defined'),
    ('log(x^2 - 1)', 'log(x - 1) + log(x + 1)', C, 'domains differ: for x < -1 only the left side is defined'),
    ('exp(x*log(y))', 'y^x', C, 'domains differ: at y = -2, x = 3 only the right side is defined'),
    ('x^x', 'exp(x*log(x))', C, 'domains differ: at x = -2 the left side is 1/4'),
    ('x^(1/log(x))', 'e', C, 'x^(1/ln x) = e for x > 0, x != 1; domains differ'),
    ('(2^x)^x', '2^(x^2)', C, 'positive base, so (a^b)^c = a^(bc) holds'),
    ('exp(1000x)/exp(998x)', 'exp(2x)', C, 'both parts of the left side overflow float64 for x > 0.71'),
    ('log(x^2)', 'log(x)^2', I, 'equal only at x = 1 and x = e^2'),
    ('log(x + y)', 'log(x) + log(y)', I, 'equal only on x + y = xy'),
    ('log(1.000000000001x)', 'log(x) + 1e-12', I, 'log(1 + 1e-12) = 1e-12 - 5e-25: the sides differ by 5e-25'),
    # ---------------------------------------------------------------- powers and roots
    ('(x^3)^(1/3)', 'x', C, 'domains differ: for x < 0 the base x^3 is negative and 1/3 is not an integer'),
    ('(x^2)^(1/4)', 'sqrt(x)', C, 'domains differ: the left side is sqrt(|x|), defined for x < 0 too'),
    ('(x^2)^(3/2)', 'x^3', I, 'the left side is |x|^3: false for x < 0'),
    ('x^(2/3)', 'cbrt(x^2)', C, 'domains differ: a negative base takes integer exponents only'),
    ('sqrt(x)*sqrt(y)', 'sqrt(x*y)', C, 'domains differ: x, y < 0 only the right side'),
    ('sqrt(x*y)', 'sqrt(abs(x))*sqrt(abs(y))', C, 'domains differ: for xy < 0 only the right side'),
    ('sqrt(x^2*y)', 'x*sqrt(y)', I, 'false for x < 0, y > 0'),
    ('sqrt(x^2*y)', 'abs(x)*sqrt(y)', C, 'domains differ: at x = 0, y < 0 only the left side is defined'),
    ('(x*y)^z', 'x^z*y^z', C, 'domains differ: x = y = -1, z = 1/2 only the left side; equal where both are defined'),
    ('x^y*x^z', 'x^(y + z)', C, 'domains differ: x = -1, y = z = 1/2 only the right side'),
    ('(x^y)^2', 'x^(2y)', C, 'an integer outer exponent: equal wherever both are defined; x = -1, y = 1/2 only the right side'),
    ('(x^2)^y', 'x^(2y)', I, 'at x = -1, y = 1/2 both are defined: 1 and -1'),
    ('(x^2)^y', 'abs(x)^(2y)', C, 'the same domain'),
    ('(x^(1/2))^y', 'x^(y/2)', C, 'domains differ: x = -1, y = 2 only the right side'),
    ('(x^y)^z', 'x^(y*z)', I, 'at x = -2, y = 2, z = 3/2 both are defined: 4^(3/2) = 8 but (-2)^3 = -8', {'x': ['-1', '-2'], 'y': ['2', '4'], 'z': ['1.5', '0.5']}),
    ('x^(y^z)', '(x^y)^z', I, 'power towers associate to the right'),
    ('(-1)^x', 'cos(pi*x)', C, 'domains differ: the left side only at integers, where it is cos(pi x)'),
    ('(-1)^(2x)', 'cos(2*pi*x)', C, 'domains differ: the left side only at half-integers, where it is cos(2 pi x)'),
    ('(-1)^(2x)', '1', I, 'at x = 1/2 the left side is (-1)^1 = -1'),
    ('(-1)^(2floor(x))', '1', C, 'the exponent is an even integer everywhere'),
    ('sqrt(x^2 + 2x + 1)', 'x + 1', I, 'false for x < -1'),
    ('sqrt(x^2)', 'x', I, 'false for x < 0'),
    ('abs(x)', 'sqrt(x)^2', C, 'domains differ: the right side only for x >= 0'),
    ('sqrt(x + 2sqrt(x - 1))', 'sqrt(x - 1) + 1', C, 'x + 2 sqrt(x-1) = (sqrt(x-1) + 1)^2, the same domain x >= 1'),
    ('sqrt(x - 2sqrt(x - 1))', 'sqrt(x - 1) - 1', I, 'false for 1 <= x < 2, where the right side is negative'),
    ('sqrt(x - 2sqrt(x - 1))', 'abs(sqrt(x - 1) - 1)', C, 'the same domain x >= 1'),
    ('1/(sqrt(x + 1) - sqrt(x))', 'sqrt(x + 1) + sqrt(x)', C, 'rationalising; the left side cancels for large x'),
    ('(x - y)/(sqrt(x) - sqrt(y))', 'sqrt(x) + sqrt(y)', C, 'domains differ: at x = y only the right side'),
    ('cbrt(x) - cbrt(y)', '(x - y)/(cbrt(x)^2 + cbrt(x)*cbrt(y) + cbrt(y)^2)', C, 'domains differ: at x = y = 0 the right side is 0/0'),
    ('sqrt(x + 1) - sqrt(x)', '1/(2sqrt(x))', I, 'only asymptotically equal (relative difference about 1/(4x))'),
    ('sqrt(x^2 + y^2)', 'abs(x) + abs(y)', I, 'equal only when x = 0 or y = 0'),
    ('sqrt(x^2 + 10^(-20))', 'abs(x)', I, 'differs by 1e-10 at x = 0 and by about 5e-21/|x| elsewhere'),
    ('sqrt(10^40*x^2)', '10^20*abs(x)', C, 'huge constant, exact'),
    ('x^1000/x^998', 'x^2', C, 'domains differ at x = 0; float64 overflows for |x| > 2'),
    # ---------------------------------------------------------------- rational expressions
    ('(x^3 - 1)/(x - 1)', 'x^2 + x + 1', C, 'domains differ at x = 1'),
    ('(x^2 - 2)/(x - sqrt(2))', 'x + sqrt(2)', C, 'domains differ at the irrational point x = sqrt(2)', {'x': ['=sqrt(2)']}),
    ('(x^2 - 1)/(x^2 + 2x + 1)', '(x - 1)/(x + 1)', C, 'the same domain x != -1 (the double root cancels only once)'),
    ('(3x + 5)/((x + 1)(x + 2))', '2/(x + 1) + 1/(x + 2)', C, 'partial fractions'),
    ('(3x + 5)/((x + 1)(x + 2))', '2/(x + 1) - 1/(x + 2)', I, 'the sign of the second fraction'),
    ('(x^10 - 1)/(x - 1)', 'x^9 + x^8 + x^7 + x^6 + x^5 + x^4 + x^3 + x^2 + x + 1', C, 'geometric sum, degree 9; domains differ at x = 1'),
    ('(x^10 - 1)/(x - 1)', 'x^9 + x^8 + x^7 + x^6 + x^4 + x^3 + x^2 + x + 1', I, 'the x^5 term is missing'),
    ('1/(1/x)', 'x', C, 'domains differ at x = 0'),
    ('1/(x - 1) + 1/(1 - x)', '0', C, 'domains differ at x = 1'),
    ('(1 - x^2)/(1 - x)^2', '(1 + x)/(1 - x)', C, 'the same domain x != 1'),
    ('(x^2 + 1)/(x + 1)', 'x + 1', I, 'the remainder 2/(x + 1) - 2 is lost'),
    ('x/(x - y) + y/(y - x)', '1', C, 'domains differ on the line x = y'),
    ('(x^3 + y^3)/(x + y)', 'x^2 - x*y + y^2', C, 'domains differ on the line x = -y'),
    ('(x^3 + y^3)/(x + y)', 'x^2 + x*y + y^2', I, 'the sign of the middle term'),
    ('(1/x + 1/y)/(1/x - 1/y)', '(y + x)/(y - x)', C, 'domains differ at x = 0 or y = 0'),
    ('1/(x - y) + 1/(y - x)', '0', C, 'domains differ on the line x = y'),
    ('(a + b)/(c + d)', 'a/c + b/d', I, 'not a law, four variables'),
    ('a/b/c', 'a*c/b', I, 'division associates to the left'),
    ('(a/b)/(c/d)', 'a*d/(b*c)', C, 'domains differ: at d = 0 only the right side is defined'),
    # ---------------------------------------------------------------- polynomials: expansions and factorisations
    ('(x + 1)^10', 'x^10 + 10x^9 + 45x^8 + 120x^7 + 210x^6 + 252x^5 + 210x^4 + 120x^3 + 45x^2 + 10x + 1', C, 'binomial, degree 10'),
    ('(x + 1)^10', 'x^10 + 10x^9 + 45x^8 + 120x^7 + 211x^6 + 252x^5 + 210x^4 + 120x^3 + 45x^2 + 10x + 1', I, 'one coefficient off by one (211 for 210)'),
    ('(x^2 + x + 1)^4', 'x^8 + 4x^7 + 10x^6 + 16x^5 + 19x^4 + 16x^3 + 10x^2 + 4x + 1', C, 'trinomial, degree 8'),
    ('(x^2 + x + 1)^4', 'x^8 + 4x^7 + 10x^6 + 16x^5 + 18x^4 + 16x^3 + 10x^2 + 4x + 1', I, 'middle coefficient 18 for 19'),
    ('(x^2 - 2x + 3)^5', 'x^10 - 10x^9 + 55x^8 - 200x^7 + 530x^6 - 1052x^5 + 1590x^4 - 1800x^3 + 1485x^2 - 810x + 243', C, 'trinomial, degree 10'),
    ('(x^2 - 2x + 3)^5', 'x^10 - 10x^9 + 55x^8 - 200x^7 + 530x^6 - 1025x^5 + 1590x^4 - 1800x^3 + 1485x^2 - 810x + 243', I, 'digits swapped in one coefficient (1025 for 1052)'),
    ('(x + 1/3)^6', 'x^6 + 2x^5 + 5x^4/3 + 20x^3/27 + 5x^2/27 + 2x/81 + 1/729', C, 'rational coefficients'),
    ('x(x - 1)(x - 2)(x - 3)(x - 4)(x - 5)(x - 6)', 'x^7 - 21x^6 + 175x^5 - 735x^4 + 1624x^3 - 1764x^2 + 720x', C, 'falling factorial, degree 7'),
    ('x(x - 1)(x - 2)(x - 3)(x - 4)(x - 5)(x - 6)', 'x^7 - 21x^6 + 175x^5 - 735x^4 + 1624x^3 - 1764x^2 + 721x', I, 'equal at x = 0 only'),
    ('(1 + x)^8 - (1 - x)^8', '16x + 112x^3 + 112x^5 + 16x^7', C, 'the even terms cancel'),
    ('(x - y)^7', 'x^7 - 7x^6*y + 21x^5*y^2 - 35x^4*y^3 + 35x^3*y^4 - 21x^2*y^5 + 7x*y^6 - y^7', C, 'alternating binomial, degree 7'),
    ('(x - y)^7', 'x^7 - 7x^6*y + 21x^5*y^2 - 35x^4*y^3 + 35x^3*y^4 - 21x^2*y^5 + 7x*y^6 + y^7', I, 'the sign of y^7'),
    ('(x + y)^7 - x^7 - y^7', '7x*y*(x + y)*(x^2 + x*y + y^2)^2', C, 'Cauchy: degree 7 factorisation'),
    ('(x + y + z)^3 - x^3 - y^3 - z^3', '3(x + y)(y + z)(z + x)', C, 'three variables'),
    ('a^3 + b^3 + c^3 - 3a*b*c', '(a + b + c)((a - b)^2 + (b - c)^2 + (c - a)^2)/2', C, 'the same, as a sum of squares'),
    ('(a - b)(b - c)(c - a)', '-(a^2*(b - c) + b^2*(c - a) + c^2*(a - b))', C, 'Vandermonde'),
    ('(a^2 + b^2)*(c^2 + d^2)', '(a*c - b*d)^2 + (a*d + b*c)^2', C, 'Brahmagupta-Fibonacci, four variables'),
    ('(a^2 + b^2)*(c^2 + d^2)', '(a*c + b*d)^2 + (a*d + b*c)^2', I, 'both signs +: off by 4abcd'),
    ('(a^2 + b^2)*(c^2 + d^2) - (a*c + b*d)^2', '(a*d - b*c)^2', C, 'Lagrange, four variables'),
    ('a^4 + 4b^4', '(a^2 + 2a*b + 2b^2)(a^2 - 2a*b + 2b^2)', C, 'Sophie Germain'),
    ('x^6 - 1', '(x - 1)(x + 1)(x^2 + x + 1)(x^2 - x + 1)', C, 'cyclotomic factors'),
    ('x^4 + 1', '(x^2 + sqrt(2)x + 1)(x^2 - sqrt(2)x + 1)', C, 'irrational coefficients'),
    ('x^2', 'x^2 + (x^2 - 1)(x^2 - 4)(x^2 - 9)(4x^2 - 1)x/10^6', I, 'equal at 0, +-1/2, +-1, +-2, +-3 only, and the difference is small'),
    ('-x^2', '(-x)^2', I, '-x^2 is -(x^2): equal only at x = 0'),
    # ---------------------------------------------------------------- abs, sign, max, min, floor, ceil
    ('max(x, y)', '(x + y + abs(x - y))/2', C, 'max through abs'),
    ('max(x, y)*min(x, y)', 'x*y', C, 'the two together'),
    ('max(x, min(y, z))', 'min(max(x, y), max(x, z))', C, 'distributive lattice, three variables'),
    ('max(x, min(y, z))', 'min(max(x, y), z)', I, 'false when x > z, e.g. x = 2, y = 0, z = 1'),
    ('x/abs(x)', 'sign(x)', C, 'domains differ at x = 0'),
    ('abs(abs(x) - abs(y))', 'abs(x - y)', I, 'false when x and y have opposite signs'),
    ('sign(x)^2', '1', I, 'false at the single point x = 0 (sign(0) = 0)'),
    ('sign(x - 1/3)^2', '1', I, 'false at the single point x = 1/3, which float64 cannot represent', {'x': ['=1/3']}),
    ('sign(x^2 - 2)^2', '1', I, 'false at the two irrational points x = +-sqrt(2)', {'x': ['=sqrt(2)', '=-sqrt(2)']}),
    ('max(x - 3000, 0)', 'max(x, 3000) - 3000', C, 'a kink far from 0, on both sides'),
    ('abs(x - 3000) + abs(x + 3000)', '6000', I, 'false only for |x| > 3000'),
    ('min(abs(x), 1000)', 'abs(x)', I, 'false only for |x| > 1000'),
    ('max(0, min(x - 5000, 5001 - x))', '0', I, 'a tent of height 1/2 on (5000, 5001) only'),
    ('max(0, min(x - 4321.5, 4321.75 - x))', '0', I, 'a tent of height 1/8 on (4321.5, 4321.75) only', {'x': ['4321.625']}),
    ('max(0, min(x - 5000, 5000.001 - x))', '0', I, 'a tent of height 1/2000 on (5000, 5000.001) only', {'x': ['5000.0005']}),
    ('max(0, min(x - y - 1000, 1000.5 - x + y))', '0', I, 'a ridge of height 1/4 on 1000 < x - y < 1000.5 only', {'x': ['1001.25'], 'y': ['1']}),
    ('x + 10^(-6)*max(0, x - 10^9)', 'x', I, 'false only for x > 1e9', {'x': ['2e9']}),
    ('abs(x - 7000.5) - abs(x - 7000)', '1/2', I, 'true for x <= 7000, false for every x > 7000'),
    ('min(x^2, 10^14)', 'x^2', I, 'false only for |x| > 1e7', {'x': ['1e8', '-3e7']}),
    ('floor(abs(x)/20000)', '0', I, 'false only for |x| >= 20000', {'x': ['25000', '-1e5']}),
    ('floor(x) + floor(x + 1/2)', 'floor(2x)', C, 'Hermite identity, n = 2'),
    ('floor(x/3) + floor((x + 1)/3) + floor((x + 2)/3)', 'floor(x)', C, 'Hermite identity, n = 3'),
    ('floor(floor(x)/2)', 'floor(x/2)', C, 'nested floor'),
    ('floor(3x) - 3floor(x)', 'floor(3(x - floor(x)))', C, 'floor(3 floor(x) + 3 frac(x)): the jumps at the thirds match', {'x': ['=1/3', '=2/3', '=-1/3', '=5/3']}),
    ('floor(x) + floor(-x)', '-1', I, 'true except at the integers, where it is 0'),
    ('ceil(x) - floor(x)', '1', I, 'true except at the integers, where it is 0'),
    ('floor(x - 1/3) + floor(1/3 - x)', '-1', I, 'false exactly at x = k + 1/3 (0 there), points float64 cannot represent', {'x': ['=1/3', '=4/3', '=-2/3']}),
    ('floor(x + 1/2)', 'ceil(x - 1/2)', I, 'equal except at the half-integers: x = 1/2 gives 1 and 0'),
    ('ceil(x/2)', 'floor((x + 1)/2)', I, 'equal at every integer, not at x = 0.5 (1 and 0)'),
    # ---------------------------------------------------------------- tiny differences, exact arithmetic
    ('exp(x) + 10^(-12)', 'exp(x)', I, 'a constant 1e-12 (below float64 tolerance for most x)'),
    ('(1 + 10^(-13))*sin(x)', 'sin(x)', I, 'a factor 1 + 1e-13'),
    ('x^2*(1 + 10^(-15))', 'x^2', I, 'a factor 1 + 1e-15, at float64 resolution'),
    ('sin(x)^2 + cos(x)^2', '1 + 10^(-30)', I, 'off by 1e-30'),
    ('cos(x)^2', '1 - sin(x)^2 + 10^(-100)', I, 'off by 1e-100'),
    ('(1 + 10^(-70))*exp(x)', 'exp(x)', I, 'a factor 1 + 1e-70'),
    ('exp(-x^2) + exp(-(x - 30)^2)', 'exp(-x^2)', I, 'the second bump is below 1e-100 of the first for x < 10; near x = 30 it dominates'),
    ('sin(x + 6.283185307179586)', 'sin(x)', I, '6.283185307179586 is float64 2 pi, not 2 pi (off by 4.8e-16)'),
    ('cos(x + 2*355/113)', 'cos(x)', I, '355/113 is pi + 2.7e-7'),
    ('(x + 10^(-10))^2', 'x^2 + 2*10^(-10)*x + 10^(-20)', C, 'exact with tiny coefficients'),
    ('0.1x + 0.2x', '0.3x', C, 'decimals are exact rationals: 1/10 + 2/10 = 3/10'),
    ('0.142857142857142857*x', 'x/7', I, '18 digits of 1/7 are not 1/7'),
    ('x/3', '0.3333333333333333333333333333333333333333*x', I, '40 digits of 1/3 are not 1/3 (off by x/3e40)'),
    ('x^2.0000000001', 'x^2', I, 'differs by about 1e-10 x^2 log(x) (and only the right side is defined for x < 0)'),
    ('x + 10^(-8)*sin(pi*x)^2', 'x', I, 'agrees at every integer; elsewhere off by up to 1e-8'),
    ('(10^8 + x)^2 - 10^16', '2*10^8*x + x^2', C, 'cancellation of 1e16 in float64'),
    # ---------------------------------------------------------------- constants
    ('sqrt(8)', '2sqrt(2)', C, 'sqrt(4*2)'),
    ('sqrt(2 + sqrt(3))', '(sqrt(6) + sqrt(2))/2', C, 'denesting'),
    ('sqrt(7 - 4sqrt(3))', '2 - sqrt(3)', C, 'denesting, the positive root'),
    ('sqrt(7 - 4sqrt(3))', 'sqrt(3) - 2', I, 'that is the negative root'),
    ('cbrt(26 + 15sqrt(3))', '2 + sqrt(3)', C, '(2 + sqrt 3)^3 = 26 + 15 sqrt 3'),
    ('cbrt(2 + sqrt(5)) + cbrt(2 - sqrt(5))', '1', C, 'Cardano; the second cube root is of a negative number'),
    ('cbrt(20 + 14sqrt(2)) + cbrt(20 - 14sqrt(2))', '4', C, '(2 + sqrt 2) + (2 - sqrt 2)'),
    ('log(8)/log(2)', '3', C, 'log base 2 of 8'),
    ('log(2, 8)', '1/3', C, 'log base 8 of 2'),
    ('log(2, 3)*log(3, 4)', '1/2', C, 'chain of bases: log_4 2'),
    ('-2', 'cbrt(-8)', C, 'the real cube root'),
    ('-1/8', '(-2)^(-3)', C, 'negative base, integer exponent'),
    ('512', '2^3^2', C, '^ is right-associative: 2^9'),
    ('64', '2^3^2', I, '^ is right-associative: 2^3^2 is 512'),
    ('-4', '-2^2', C, '-2^2 is -(2^2)'),
    ('2', '(sqrt(2)^sqrt(2))^sqrt(2)', C, '(sqrt 2)^2'),
    ('2', 'sqrt(2)^sqrt(2)^sqrt(2)', I, 'right-associative: sqrt(2)^(sqrt(2)^sqrt(2)) is about 1.76'),
    ('0.3', '0.1 + 0.2', C, 'exact decimals (float64 says 0.30000000000000004)'),
    ('0.142857142857142857', '1/7', I, 'not exactly 1/7 (off by 1.4e-19)'),
    ('1.4142135623730951', 'sqrt(2)', I, 'float64 sqrt(2) is not sqrt(2) (off by 5.1e-17)'),
    ('1.41421356237309504880168872420969807856967187537694', 'sqrt(2)', I, '50 decimals of sqrt(2): off by 8.1e-51'),
    ('355/113', 'pi', I, 'off by 2.7e-7'),
    ('262537412640768744', 'exp(pi*sqrt(163))', I, 'Ramanujan constant: off by 7.5e-13 (relative 3e-30)'),
    ('24591257752', 'exp(pi*sqrt(58))', I, 'off by 1.8e-7 (relative 7e-18)'),
    ('(pi^4 + pi^5)^(1/6)', 'e', I, 'near miss: off by 7e-9 relative'),
    ('(1 + 10^(-6))^(10^6)', 'e', I, 'the limit, not its millionth term (off by 1.4e-6)'),
    ('2^53 + 1 - 2^53', '1', C, 'exact integers (float64 gives 0)'),
    ('sin(pi/12)', '(sqrt(6) - sqrt(2))/4', C, 'exact value'),
    ('cos(pi/5)', '(1 + sqrt(5))/4', C, 'exact value (golden ratio)'),
    ('tan(pi/8)', 'sqrt(2) - 1', C, 'exact value'),
    ('cos(2pi/7) + cos(4pi/7) + cos(6pi/7)', '-1/2', C, 'sum of cosines over a heptagon'),
    ('cos(pi/7)*cos(2pi/7)*cos(4pi/7)', '-1/8', C, 'classical product'),
    ('tan(pi/7)*tan(2pi/7)*tan(3pi/7)', 'sqrt(7)', C, 'classical product'),
    ('sin(1000001*pi/6)', '1/2', C, '1000001 = 5 mod 12: sin(5 pi/6)'),
    ('sin(10^20*pi + pi/6)', '1/2', C, 'exact periodicity far beyond float64'),
    ('atan(1) + atan(2) + atan(3)', 'pi', C, 'classical'),
    ('4atan(1/5) - atan(1/239)', 'pi/4', C, "Machin's formula"),
    ('4atan(1/5) - atan(1/240)', 'pi/4', I, "Machin's formula with 240: off by 1.7e-5"),
    # ---------------------------------------------------------------- no common point: undetermined
    ('sqrt(-1 - x^2)', '0', U, 'the left side is defined nowhere'),
    ('log(-abs(x) - 1)', 'x', U, 'the left side is defined nowhere'),
    ('log(-x^2)', '2log(x)', U, 'the left side is defined nowhere (log(0) at x = 0)'),
    ('acosh(x)', 'atanh(x)', U, 'x >= 1 and |x| < 1 never both hold'),
    ('sqrt(x - 2)*sqrt(1 - x)', '0', U, 'x >= 2 and x <= 1 never both hold'),
    ('asin(x^2 + 2)', 'acos(x^2 + 2)', U, 'both sides are defined nowhere'),
    ('log(x) + log(-x)', '0', U, 'x > 0 and x < 0 never both hold'),
    ('log(x - y)', 'log(y - x)', U, 'x > y and y > x never both hold'),
    ('sqrt(x - y) + sqrt(y - x - 1)', '0', U, 'x >= y and y >= x + 1 never both hold'),
    ('(x - x)/(x - x)', '1', U, '0/0 everywhere'),
    ('1/(x^2 + 1 - (x + 1)^2 + 2x)', '1', U, 'the denominator is identically 0'),
    ('acos(x) - acos(x)', 'asin(x + 3) - asin(x + 3)', U, 'both sides are 0 where defined, but on [-1, 1] and [-4, -2], which do not meet'),
    ('sqrt(sin(x) - 2)', 'cos(x)', U, 'sin(x) - 2 < 0 everywhere'),
    ('log(cos(x) - 1)', 'x', U, 'cos(x) - 1 <= 0 everywhere'),
    ('sqrt(-exp(x))', 'x', U, '-exp(x) < 0 everywhere'),
    ('-2', '(-8)^(1/3)', U, 'a negative base takes integer exponents only: (-8)^(1/3) is undefined'),
    ('4', '(-8)^(2/3)', U, 'a negative base takes integer exponents only'),
    ('1', '(2 + sqrt(5))^(1/3) + (2 - sqrt(5))^(1/3)', U, '2 - sqrt(5) < 0, so its power 1/3 is undefined (cbrt would be defined)'),
    ('sqrt(-4)', '2sqrt(-1)', U, 'no real square root of a negative number'),
    ('1', 'log(0)', U, 'log(0) is undefined'),
    ('sec(pi/2)', '1/cos(pi/2)', U, 'both sides divide by cos(pi/2) = 0'),
]

# ------------------------------------------------------------------------------------------------ the parser
FUNCTIONS = {
    'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh',
    'atanh', 'exp', 'log', 'ln', 'sqrt', 'cbrt', 'abs', 'sign', 'floor', 'ceil', 'max', 'min',
}
CONSTANTS = {'pi', 'e'}
TOKEN = re.compile(r'\s*(?:(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>[-+*/^(),]))')


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise SyntaxError(f'cannot read {text[pos:]!r} in {text!r}')
        pos = m.end()
        kind = m.lastgroup
        tokens.append((kind, m.group(kind)))
    return tokens


class Parser:
    """Chainrule's plain syntax, the subset used here: + - * / ^, implicit multiplication with the precedence of *,
    a sign binding tighter than * and looser than ^ (-x^2 = -(x^2)), ^ right-associative with a signed exponent
    taking only a power (x^-1), names and function calls, pi and e."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def take(self, value=None):
        tok = self.peek()
        if value is not None and tok[1] != value:
            raise SyntaxError(f'expected {value!r} at token {self.i} in {self.text!r}')
        self.i += 1
        return tok

    def parse(self):
        node = self.sum()
        if self.i != len(self.tokens):
            raise SyntaxError(f'trailing tokens in {self.text!r}')
        return node

    def sum(self):
        node = self.product()
        while self.peek()[1] in ('+', '-'):
            op = self.take()[1]
            node = ('add' if op == '+' else 'sub', node, self.product())
        return node

    def starts_operand(self):
        kind, value = self.peek()
        return kind in ('num', 'name') or value == '('

    def product(self):
        node = self.signed()
        while True:
            value = self.peek()[1]
            if value in ('*', '/'):
                self.take()
                node = ('mul' if value == '*' else 'div', node, self.signed())
            elif self.starts_operand():
                node = ('mul', node, self.power())
            else:
                return node

    def signed(self):
        if self.peek()[1] in ('-', '+'):
            op = self.take()[1]
            inner = self.signed()
            return ('neg', inner) if op == '-' else inner
        return self.power()

    def power(self):
        base = self.primary()
        if self.peek()[1] == '^':
            self.take()
            if self.peek()[1] in ('-', '+'):
                op = self.take()[1]
                exponent = self.power()
                if op == '-':
                    exponent = ('neg', exponent)
            else:
                exponent = self.power()
            return ('pow', base, exponent)
        return base

    def primary(self):
        kind, value = self.take()
        if kind == 'num':
            return ('num', value)
        if value == '(':
            node = self.sum()
            self.take(')')
            return node
        if kind == 'name':
            if value in FUNCTIONS and self.peek()[1] == '(':
                self.take('(')
                args = [self.sum()]
                while self.peek()[1] == ',':
                    self.take(',')
                    args.append(self.sum())
                self.take(')')
                return ('call', value, args)
            if value in FUNCTIONS:
                raise SyntaxError(f'{value} without parentheses in {self.text!r}')
            if value in CONSTANTS:
                return ('const', value)
            if len(value) > 1:
                raise SyntaxError(f'unexpected multi-letter name {value!r} in {self.text!r} (write x*y)')
            return ('var', value)
        raise SyntaxError(f'unexpected {value!r} in {self.text!r}')


def variables(node, out=None) -> set[str]:
    out = set() if out is None else out
    tag = node[0]
    if tag == 'var':
        out.add(node[1])
    elif tag == 'call':
        for arg in node[2]:
            variables(arg, out)
    elif tag in ('add', 'sub', 'mul', 'div', 'pow'):
        variables(node[1], out)
        variables(node[2], out)
    elif tag == 'neg':
        variables(node[1], out)
    return out


# ------------------------------------------------------------------------------------------------ real evaluation
class Undefined(Exception):
    pass


def is_integer(v) -> bool:
    return v == mpmath.floor(v)


class TooLarge(Exception):
    pass


LARGEST_LOG = 10**7  # a value beyond exp(1e7) is not evaluated (such a point is skipped)


def real_pow(a, b):
    if a != 0 and abs(b) * abs(mpmath.log(abs(a))) > LARGEST_LOG:
        raise TooLarge('power too large')
    if a > 0:
        return mpmath.power(a, b)
    if a == 0:
        if b > 0:
            return mpf(0)
        if b == 0:
            return mpf(1)  # 0^0 = 1, as chainrule (and JavaScript) take it
        raise Undefined('0 to a negative power')
    if not is_integer(b):
        raise Undefined('negative base, non-integer exponent')
    return mpmath.power(a, int(b)) if abs(b) < 10**6 else mpmath.power(a, b)


def recip(v):
    if v == 0:
        raise Undefined('division by zero')
    return 1 / v


def log_real(v):
    if v <= 0:
        raise Undefined('log of a non-positive number')
    return mpmath.log(v)


def call(name, args):
    if name in ('max', 'min'):
        if len(args) != 2:
            raise SyntaxError(f'{name} takes 2 arguments')
        return max(args) if name == 'max' else min(args)
    if name == 'log' and len(args) == 2:
        x, base = args
        if base <= 0 or base == 1:
            raise Undefined('log base')
        return log_real(x) / mpmath.log(base)
    if len(args) != 1:
        raise SyntaxError(f'{name} takes 1 argument')
    x = args[0]
    if name == 'sin':
        return mpmath.sin(x)
    if name == 'cos':
        return mpmath.cos(x)
    if name == 'tan':
        return mpmath.sin(x) * recip(mpmath.cos(x))
    if name == 'sec':
        return recip(mpmath.cos(x))
    if name == 'csc':
        return recip(mpmath.sin(x))
    if name == 'cot':
        return mpmath.cos(x) * recip(mpmath.sin(x))
    if name == 'asin':
        if abs(x) > 1:
            raise Undefined('asin')
        return mpmath.asin(x)
    if name == 'acos':
        if abs(x) > 1:
            raise Undefined('acos')
        return mpmath.acos(x)
    if name == 'atan':
        return mpmath.atan(x)
    if name == 'sinh':
        return mpmath.sinh(x)
    if name == 'cosh':
        return mpmath.cosh(x)
    if name == 'tanh':
        return mpmath.tanh(x)
    if name == 'asinh':
        return mpmath.asinh(x)
    if name == 'acosh':
        if x < 1:
            raise Undefined('acosh')
        return mpmath.acosh(x)
    if name == 'atanh':
        if abs(x) >= 1:
            raise Undefined('atanh')
        return mpmath.atanh(x)
    if name == 'exp':
        if abs(x) > LARGEST_LOG:
            raise TooLarge('exp too large')
        return mpmath.exp(x)
    if name in ('log', 'ln'):
        return log_real(x)
    if name == 'sqrt':
        if x < 0:
            raise Undefined('sqrt of a negative number')
        return mpmath.sqrt(x)
    if name == 'cbrt':
        return mpmath.cbrt(x) if x >= 0 else -mpmath.cbrt(-x)
    if name == 'abs':
        return abs(x)
    if name == 'sign':
        return mpf(mpmath.sign(x))
    if name == 'floor':
        return mpmath.floor(x)
    if name == 'ceil':
        return mpmath.ceil(x)
    raise SyntaxError(f'unknown function {name}')


def evaluate(node, env, largest):
    """The value of node at env; largest[0] keeps the largest magnitude of any intermediate value (for the precision)."""
    value = _evaluate(node, env, largest)
    if mpmath.isfinite(value) and abs(value) > largest[0]:
        largest[0] = abs(value)
    return value


def _evaluate(node, env, largest):
    tag = node[0]
    if tag == 'num':
        return mpf(node[1])
    if tag == 'const':
        return +mpmath.pi if node[1] == 'pi' else +mpmath.e
    if tag == 'var':
        return env[node[1]]
    if tag == 'neg':
        return -evaluate(node[1], env, largest)
    if tag == 'call':
        return call(node[1], [evaluate(arg, env, largest) for arg in node[2]])
    a = evaluate(node[1], env, largest)
    b = evaluate(node[2], env, largest)
    if tag == 'add':
        return a + b
    if tag == 'sub':
        return a - b
    if tag == 'mul':
        return a * b
    if tag == 'div':
        return a * recip(b)
    if tag == 'pow':
        return real_pow(a, b)
    raise ValueError(tag)


DIGITS = 150            # digits wanted in each value, beyond the cancellation of its largest intermediate value
EXTRA = 50              # the second evaluation has this many more digits; the two must agree
BASE_DPS = 200          # the working precision at least
MAX_DPS = 20000         # beyond this the point is skipped
STABLE = mpf('1e-130')  # the two precisions must agree this well (relative to max(1, |value|))
EQUAL = mpf('1e-130')   # and the two sides this well


def evaluate_at(node, env_text, dps):
    mp.dps = dps
    env = {name: mpf(text) for name, text in env_text.items()}
    largest = [mpf(0)]
    try:
        value = evaluate(node, env, largest)
    except (Undefined, ZeroDivisionError):
        return None
    except (ValueError, OverflowError, TooLarge):
        return 'error'
    if not mpmath.isfinite(value):
        return 'error'
    return value, largest[0]


def value_at(node, env_text):
    """The value at env_text (a point, as decimal strings), None where undefined, 'unstable' where the value cannot be
    trusted. The working precision P is BASE_DPS digits at least, raised to DIGITS + EXTRA more than the cancellation
    an intermediate value allows (cosh(x)^2 - sinh(x)^2 at x = 1e4 needs about 8,900 digits); the value must agree with
    the value at 2P digits, and so must its definedness; when they disagree (acos(tanh(x)) at x = 293 is 0 until tanh
    keeps 255 digits) P is doubled, up to MAX_DPS."""
    dps = BASE_DPS
    while True:
        low, high = evaluate_at(node, env_text, dps), evaluate_at(node, env_text, min(2 * dps, MAX_DPS + EXTRA))
        mp.dps = BASE_DPS
        if low is None and high is None:
            return None
        if isinstance(low, str) or isinstance(high, str):
            return 'unstable'
        if low is None or high is None:
            if 2 * dps > MAX_DPS:
                return 'unstable'
            dps *= 2
            continue
        (v_low, _), (v_high, largest) = low, high
        scale = max(1, abs(v_high))
        needed = DIGITS + EXTRA + int(mpmath.ceil(mpmath.log10(max(1, largest / scale))))
        if needed > dps:
            if needed > MAX_DPS:
                return 'unstable'
            dps = needed
            continue
        if abs(v_low - v_high) > STABLE * scale:
            if 2 * dps > MAX_DPS:
                return 'unstable'
            dps *= 2
            continue
        return v_high


# ------------------------------------------------------------------------------------------------ sample points
SPECIAL = ['0', '0.001', '0.002', '0.01', '0.1', '0.25', '0.75', '0.999', '1.001', '1.5', '2.5', '3.14', '3.15',
           '4.7', '6.28', '6.29', '10', '20', '50', '99.5', '100', '500', '999.5', '1000', '1001', '2500',
           '3000.5', '5000.5', '7000.2', '9999.5', '10000']


def one_variable_pool(rng: random.Random) -> list[str]:
    pool = set()
    for k in range(-24, 25):
        pool.add(repr(k / 2))  # integers and half-integers in [-12, 12]
    for s in SPECIAL:
        pool.add(s)
        pool.add('-' + s if s != '0' else '0')
    for _ in range(400):
        magnitude = 10 ** rng.uniform(-3, 4)
        pool.add(repr(rng.choice((-1, 1)) * magnitude))
    for _ in range(150):
        pool.add(repr(rng.uniform(-1.5, 1.5)))
    for _ in range(150):
        pool.add(repr(rng.uniform(-15, 15)))
    return sorted(pool, key=float)


GRID = ['0', '0.5', '-0.5', '1', '-1', '2', '-2', '3', '-3', '1.5', '-1.5', '10', '-10', '0.3', '-0.7']


def points(names: list[str], extra: dict, rng: random.Random):
    if not names:
        yield {}
        return
    pool = one_variable_pool(rng)
    if len(names) == 1:
        name = names[0]
        for v in pool + list(extra.get(name, [])):
            yield {name: v}
        return
    grid = GRID if len(names) <= 3 else GRID[:9]
    for combo in itertools.product(grid, repeat=len(names)):
        yield dict(zip(names, combo))
    for _ in range(1500 if len(names) <= 2 else 2500):
        yield {name: rng.choice(pool) for name in names}
    # the row's own points, each combined with the grid for the other variables
    extras = [list(extra.get(name, [])) for name in names]
    if any(extras):
        choices = [e if e else GRID[:7] for e in extras]
        for combo in itertools.product(*choices):
            yield dict(zip(names, combo))


# ------------------------------------------------------------------------------------------------ the check
def verify(a_text: str, b_text: str, extra: dict, seed: int):
    a, b = Parser(a_text).parse(), Parser(b_text).parse()
    names = sorted(variables(a) | variables(b))
    rng = random.Random(seed)
    common = differ = only_one = unstable = 0
    witness = domain_witness = None
    closest = mpf(0)  # the largest relative difference among the points where the sides agree
    for env in points(names, extra, rng):
        if any(text.startswith('=') for text in env.values()):
            # a point given exactly (a kink at 1/3 or sqrt(2)): decided exactly, with sympy
            import sympy as sp
            va, vb = exact_at(a, env), exact_at(b, env)
            if va is not None and vb is not None:
                exact = exact_sign(va - vb) == 0
                va, vb = mpf(str(sp.N(va, 60))), mpf(str(sp.N(vb, 60)))
                if exact:
                    vb = va
        else:
            va, vb = value_at(a, env), value_at(b, env)
        if isinstance(va, str) or isinstance(vb, str):
            unstable += 1
            continue
        if va is None and vb is None:
            continue
        if va is None or vb is None:
            only_one += 1
            domain_witness = domain_witness or (env, 'left' if va is not None else 'right')
            continue
        common += 1
        relative = abs(va - vb) / max(1, abs(va), abs(vb))
        if relative > EQUAL:
            differ += 1
            if witness is None or relative > witness[3]:
                witness = (env, va, vb, relative)
        elif relative > closest:
            closest = relative
    if common == 0:
        verdict = U
    elif differ:
        verdict = I
    else:
        verdict = C
    return {
        'verdict': verdict, 'names': names, 'common': common, 'differ': differ, 'only_one': only_one,
        'unstable': unstable, 'witness': witness, 'domain_witness': domain_witness, 'closest': closest,
    }


def verify_row(index: int):
    row = ROWS[index - 1]
    return verify(row[0], row[1], row[4] if len(row) > 4 else {}, seed=index)


def to_sympy(node, syms):
    """The expression in sympy (complex principal branches: for --sympy only)."""
    import sympy as sp
    tag = node[0]
    if tag == 'num':
        return sp.Rational(node[1])
    if tag == 'const':
        return sp.pi if node[1] == 'pi' else sp.E
    if tag == 'var':
        return syms[node[1]]
    if tag == 'neg':
        return -to_sympy(node[1], syms)
    if tag == 'call':
        args = [to_sympy(arg, syms) for arg in node[2]]
        name = node[1]
        table = {
            'sin': sp.sin, 'cos': sp.cos, 'tan': sp.tan, 'sec': sp.sec, 'csc': sp.csc, 'cot': sp.cot,
            'asin': sp.asin, 'acos': sp.acos, 'atan': sp.atan, 'sinh': sp.sinh, 'cosh': sp.cosh,
            'tanh': sp.tanh, 'asinh': sp.asinh, 'acosh': sp.acosh, 'atanh': sp.atanh, 'exp': sp.exp,
            'ln': sp.log, 'sqrt': sp.sqrt, 'cbrt': lambda v: sp.real_root(v, 3),
            'abs': sp.Abs, 'sign': sp.sign, 'floor': sp.floor, 'ceil': sp.ceiling, 'max': sp.Max, 'min': sp.Min,
        }
        if name == 'log':
            return sp.log(args[0]) if len(args) == 1 else sp.log(args[0]) / sp.log(args[1])
        return table[name](*args)
    x, y = to_sympy(node[1], syms), to_sympy(node[2], syms)
    return {'add': x + y, 'sub': x - y, 'mul': x * y, 'div': x / y, 'pow': x ** y}[tag]


def exact_sign(v) -> int:
    """The sign of an exact real sympy number: 0 when it simplifies to 0, else the sign of 150 digits of it."""
    import sympy as sp
    v = sp.nsimplify(sp.simplify(v)) if not v.is_Rational else v
    if v == 0:
        return 0
    value = sp.N(v, 150)
    if abs(value) < sp.Float('1e-120', 150):
        raise ValueError(f'cannot decide the sign of {v}')
    return 1 if value > 0 else -1


def exact_value(node, env):
    """The exact value (sympy) over the reals, with the README's rules; raises Undefined outside the domain."""
    import sympy as sp
    tag = node[0]
    if tag in ('num', 'const'):
        return to_sympy(node, {})
    if tag == 'var':
        return env[node[1]]
    if tag == 'neg':
        return -exact_value(node[1], env)
    if tag == 'call':
        args = [exact_value(arg, env) for arg in node[2]]
        name, x = node[1], args[0]
        if name in ('max', 'min'):
            bigger = exact_sign(args[0] - args[1]) >= 0
            return args[0] if bigger == (name == 'max') else args[1]
        if name == 'sign':
            return sp.Integer(exact_sign(x))
        if name == 'abs':
            return x if exact_sign(x) >= 0 else -x
        if name in ('floor', 'ceil'):
            return (sp.floor if name == 'floor' else sp.ceiling)(sp.nsimplify(sp.simplify(x)))
        if name == 'sqrt':
            if exact_sign(x) < 0:
                raise Undefined('sqrt')
            return sp.sqrt(x)
        if name == 'cbrt':
            return sp.real_root(x, 3)
        if name in ('log', 'ln'):
            if exact_sign(x) <= 0 or (len(args) == 2 and (exact_sign(args[1]) <= 0 or exact_sign(args[1] - 1) == 0)):
                raise Undefined('log')
            return sp.log(x) if len(args) == 1 else sp.log(x) / sp.log(args[1])
        if name in ('tan', 'sec') and exact_sign(sp.cos(x)) == 0 or name in ('cot', 'csc') and exact_sign(sp.sin(x)) == 0:
            raise Undefined(name)
        if name in ('asin', 'acos') and exact_sign(abs(x) - 1) > 0 or name == 'acosh' and exact_sign(x - 1) < 0 \
                or name == 'atanh' and exact_sign(abs(x) - 1) >= 0:
            raise Undefined(name)
        return {
            'sin': sp.sin, 'cos': sp.cos, 'tan': sp.tan, 'sec': sp.sec, 'csc': sp.csc, 'cot': sp.cot,
            'asin': sp.asin, 'acos': sp.acos, 'atan': sp.atan, 'sinh': sp.sinh, 'cosh': sp.cosh, 'tanh': sp.tanh,
            'asinh': sp.asinh, 'acosh': sp.acosh, 'atanh': sp.atanh, 'exp': sp.exp}[name](x)
    a, b = exact_value(node[1], env), exact_value(node[2], env)
    if tag == 'add':
        return a + b
    if tag == 'sub':
        return a - b
    if tag == 'mul':
        return a * b
    if tag == 'div':
        if exact_sign(b) == 0:
            raise Undefined('division by zero')
        return a / b
    if tag == 'pow':
        base = exact_sign(a)
        if base > 0:
            return a ** b
        if base == 0:
            power = exact_sign(b)
            if power < 0:
                raise Undefined('0 to a negative power')
            return sp.Integer(1) if power == 0 else sp.Integer(0)
        b = sp.nsimplify(sp.simplify(b))
        if not b.is_integer:
            raise Undefined('negative base, non-integer exponent')
        return a ** b
    raise ValueError(tag)


def exact_at(node, env_text):
    """The exact value at a point given exactly (values written '=expr', such as '=1/3' or '=sqrt(2)'), or None."""
    env = {name: exact_value(Parser(text.lstrip('=')).parse(), {}) for name, text in env_text.items()}
    try:
        return exact_value(node, env)
    except Undefined:
        return None


def sympy_proves(a_text: str, b_text: str) -> str:
    """Whether sympy simplifies a - b to 0 with positive symbols (informational only)."""
    import signal
    import sympy as sp

    a, b = Parser(a_text).parse(), Parser(b_text).parse()
    syms = {name: sp.Symbol(name, positive=True) for name in variables(a) | variables(b)}

    def alarm(*_):
        raise TimeoutError

    signal.signal(signal.SIGALRM, alarm)
    signal.alarm(20)
    try:
        difference = sp.simplify(to_sympy(a, syms) - to_sympy(b, syms))
        if difference == 0:
            return 'proved'
        if not difference.free_symbols and abs(sp.N(difference, 80)) < sp.Float('1e-70'):
            return 'proved numerically (constant)'
        return 'not proved'
    except TimeoutError:
        return 'timeout'
    except Exception as error:  # noqa: BLE001 (informational)
        return f'sympy error: {type(error).__name__}'
    finally:
        signal.alarm(0)


def format_env(env) -> str:
    return ', '.join(f'{k} = {v}' for k, v in env.items()) or '(constant)'


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument('--write', action='store_true')
    parser.add_argument('--sympy', action='store_true')
    parser.add_argument('--only', type=int, help='verify one row (1-based)')
    parser.add_argument('--jobs', type=int, default=os.cpu_count(), help='processes')
    args = parser.parse_args()

    problems = []
    seen = set()
    counts = {C: 0, I: 0, U: 0}
    domain_notes = 0
    chosen = [index for index in range(1, len(ROWS) + 1) if not args.only or index == args.only]
    with multiprocessing.Pool(args.jobs) as pool:
        results = dict(zip(chosen, pool.map(verify_row, chosen, chunksize=1)))
    for index in chosen:
        row = ROWS[index - 1]
        a, b, label, why = row[:4]
        extra = row[4] if len(row) > 4 else {}
        key = (a, b)
        if key in seen:
            problems.append(f'row {index}: duplicate {a} = {b}')
        seen.add(key)
        for text in (a, b, why):
            if '\t' in text or '\n' in text:
                problems.append(f'row {index}: a tab or newline in {text!r}')
        result = results[index]
        counts[result['verdict']] += 1
        line = f'{index:3d} {label:12s} {a} = {b}: common {result["common"]}, differ {result["differ"]}, only one side {result["only_one"]}, unstable {result["unstable"]}'
        if result['witness']:
            env, va, vb, relative = result['witness']
            line += f'\n      witness {format_env(env)}: {mpmath.nstr(va, 20)} vs {mpmath.nstr(vb, 20)} (difference {mpmath.nstr(va - vb, 5)}, relative {mpmath.nstr(relative, 3)})'
        if result['common'] and result['verdict'] == C:
            line += f'\n      largest relative difference where they agree: {mpmath.nstr(result["closest"], 3)}'
        if result['domain_witness']:
            env, side = result['domain_witness']
            line += f'\n      domains differ: at {format_env(env)} only the {side} side is defined'
            if result['verdict'] == C:
                domain_notes += 1
        if args.sympy and label == C:
            line += f'\n      sympy: {sympy_proves(a, b)}'
        print(line, flush=True)
        if result['verdict'] != label:
            problems.append(f'row {index}: {a} = {b} is labelled {label}, the check says {result["verdict"]}')
        if label == C and result['names'] and result['common'] < 20:
            problems.append(f'row {index}: only {result["common"]} common points for a correct row')
    print(f'\n{sum(counts.values())} rows: {counts[C]} correct, {counts[I]} incorrect, {counts[U]} undetermined; '
          f'{domain_notes} correct rows whose domains differ')
    if problems:
        print('\nPROBLEMS:\n' + '\n'.join(problems))
        return 1
    if args.write and not args.only:
        out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'identities.tsv')
        with open(out, 'w', encoding='utf8') as handle:
            handle.write('a\tb\tverdict\twhy\n')
            for row in ROWS:
                handle.write('\t'.join(row[:4]) + '\n')
        print(f'wrote {os.path.normpath(out)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
