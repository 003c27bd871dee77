#!/usr/bin/env python3
"""Generator and independent labeller of test/corpus/student/cases.jsonl (the student corpus).

Every case below is written by hand as a student or a TA would write a claims file for `chainrule check`: the text
of each line in chainrule's syntax (plain, Unicode or LaTeX), and, next to it, what the line means as a sympy
formula written separately (in Python/sympy syntax, never derived from the text and never from chainrule). The
label of every claim line is computed here, with sympy and mpmath only; chainrule is not used at all:

  * derivative claims and identities: the difference of the two sides is simplified by sympy (real symbols), and
    both sides are evaluated with mpmath at 50 digits at random points (at least 8 where the reference side is
    real and finite); `correct` when every such point agrees (the claim must be defined wherever the derivative
    is), `incorrect` when at least 2 points differ; a simplification that contradicts the numbers, or a point
    that is neither clearly equal nor clearly different, stops the script;
  * derivations: every step is compared with the step before (the first with the derivative), and the verdict is
    given at the line of the first wrong step, or at the derivation's first line when every step is right;
  * derivatives by a named intermediate (`dL/dz` where `z = w*x + b` is bound): the node's adjoint, the
    derivative of the output with the node cut loose as a symbol of its own (its inputs held fixed), summed over
    every path to the output; both sides are then written in the leaves (every bound name in an answer stands
    for its forward value);
  * numbers: the exact value (sympy, 50 digits) rounded to the decimals written; `correct` when the answer is
    that rounding, `incorrect` when it is at least 2 units of its last digit away (a whole number without a
    decimal point is exact); an answer between 0.5 and 2 units away is a gray zone and stops the script, except
    in the rows marked gray_ok (the two known false accepts the issue names, which a correct rounding cannot
    give);
  * matrix claims: every declared tensor is a sympy Matrix of symbols named as chainrule names entries (W_1_2), the
    loss is built with sympy matrix algebra, and the true gradient is differentiated entry by entry; an answer of
    another shape, or whose product is undefined (sympy raises ShapeError), is incorrect.

Every label computed must equal the label written next to the case (C or I, or the wrong step of a derivation);
a disagreement is an error in the case and stops the script.

Usage:
  python3 test/corpus/tools/student.py            # label every case and write test/corpus/student/cases.jsonl
  python3 test/corpus/tools/student.py --check    # re-verify every label; exit 1 on any mismatch with the file
  python3 test/corpus/tools/student.py --only ID  # label the cases whose id contains ID, verbosely
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import mpmath
import sympy as sp
from sympy.parsing.sympy_parser import parse_expr, rationalize, standard_transformations

mpmath.mp.dps = 50
OUT = Path(__file__).resolve().parent.parent / 'student' / 'cases.jsonl'

# ----------------------------------------------------------------------------------------------------------------
# What the functions mean (chainrule's README, "The expression language"), as sympy formulas over the reals.

def _sigmoid(u):
    return 1 / (1 + sp.exp(-u))


def _relu(u):
    return (u + sp.Abs(u)) / 2


def _step(u):
    return (1 + sp.sign(u)) / 2


FUNCTIONS: dict[str, Any] = {
    'sigmoid': _sigmoid,
    'dsigmoid': lambda u: _sigmoid(u) * (1 - _sigmoid(u)),  # sigma'(u)
    'relu': _relu,
    'step': _step,
    'softplus': lambda u: sp.log(1 + sp.exp(u)),
    'sin': sp.sin, 'cos': sp.cos, 'tan': sp.tan, 'sec': sp.sec, 'csc': sp.csc, 'cot': sp.cot,
    'asin': sp.asin, 'acos': sp.acos, 'atan': sp.atan,
    'sinh': sp.sinh, 'cosh': sp.cosh, 'tanh': sp.tanh, 'sech': sp.sech,
    'exp': sp.exp, 'log': sp.log, 'sqrt': sp.sqrt, 'Abs': sp.Abs, 'sign': sp.sign, 'Rational': sp.Rational,
    'diff': sp.diff,
    'e': sp.E, 'pi': sp.pi,
}
_SYMBOLS: dict[str, sp.Symbol] = {}


def sym(name: str) -> sp.Symbol:
    """A real symbol (one per name, shared by every formula)."""
    if name not in _SYMBOLS:
        _SYMBOLS[name] = sp.Symbol(name, real=True)
    return _SYMBOLS[name]


def F(text: str, extra: dict[str, Any] | None = None) -> sp.Expr:
    """A sympy formula written in Python syntax (`**` for powers, explicit `*`); decimals are exact rationals.
    `diff(u, x)` is sympy's derivative; `extra` adds names (the scope's D(f, v), see Scope.F)."""
    extra = extra or {}
    names = {name: extra[name] if name in extra else FUNCTIONS[name] if name in FUNCTIONS else sym(name)
             for name in re.findall(r'[A-Za-z_][A-Za-z_0-9]*', text)}
    return parse_expr(text, local_dict=names, global_dict={'Integer': sp.Integer, 'Float': sp.Float, 'Rational': sp.Rational,
                                                          'Symbol': sp.Symbol}, transformations=standard_transformations + (rationalize,))


# ----------------------------------------------------------------------------------------------------------------
# Lines of a case.

C, I = 'correct', 'incorrect'


@dataclass
class Text:
    """A line without a verdict: a comment, a blank line or a declaration."""
    text: str


@dataclass
class Def:
    """A binding `name = ...` that later lines use (no verdict); `meaning` is its right side in sympy syntax."""
    text: str
    name: str
    meaning: str


@dataclass
class Deriv:
    """A derivative claim: d/d`var` of `f` is `rhs` (sympy syntax). `f` may use bound names of the case; the
    derivative is then the adjoint (see module doc). `var` may be a bound name (a named intermediate)."""
    text: str
    f: str
    var: str
    rhs: str
    label: str


@dataclass
class Ident:
    """An identity `lhs = rhs` (both in sympy syntax)."""
    text: str
    lhs: str
    rhs: str
    label: str


@dataclass
class Num:
    """A number: `expr` (sympy syntax; bound names allowed) at `point` (exact) is the answer written at the end of
    `text`. With `var`, the value is the derivative of `expr` by `var` (an adjoint when `var` is bound)."""
    text: str
    expr: str
    label: str
    point: dict[str, str] = field(default_factory=dict)
    var: str | None = None
    gray_ok: bool = False


@dataclass
class Step:
    """A continuation line of a derivation: `= rhs` (text None: a further `= rhs` on the line before)."""
    text: str | None
    rhs: str


@dataclass
class Chain:
    """A derivation: `head` (a Deriv or Ident whose right side is the first step) and continuation `steps`;
    `wrong` is the index of the first wrong step (0 = the head's right side) or None when every step is right."""
    head: Any
    steps: list[Step]
    wrong: int | None


@dataclass
class Mat:
    """A matrix claim `dL/dW = answer`: `answer(env)` builds the claimed gradient with sympy matrices."""
    text: str
    wrt: str
    answer: Callable[[Any], Any]
    label: str


@dataclass
class Case:
    id: str
    category: str
    form: str
    lines: list[Any]
    note: str = ''
    domain: dict[str, tuple[float, float]] = field(default_factory=dict)
    # matrix cases: declared shapes and the loss built from an env of sympy matrices
    dims: dict[str, tuple[int, int]] = field(default_factory=dict)
    loss: Callable[[Any], Any] | None = None
    # targets of cross_entropy: distributions (one-hot for classes), whose entries sum to 1 in each column
    distributions: list[str] = field(default_factory=list)


CASES: list[Case] = []


def case(id: str, category: str, form: str, lines: list[Any], note: str = '', **kw) -> None:
    CASES.append(Case(id, category, form, lines, note, **kw))


# ----------------------------------------------------------------------------------------------------------------
# Numeric evaluation with mpmath at 50 digits, over the reals.

class Undefined(Exception):
    pass


def real_value(expr: sp.Expr, point: dict[sp.Symbol, Any]) -> mpmath.mpf:
    """The value of expr at point, or Undefined when it is not a finite real number."""
    free = sorted(expr.free_symbols, key=lambda s: s.name)
    fn = sp.lambdify(free, expr, modules='mpmath')
    try:
        value = fn(*[point[s] for s in free])
    except (ZeroDivisionError, ValueError, OverflowError, TypeError) as exc:
        raise Undefined(str(exc)) from exc
    value = mpmath.mpmathify(value)
    if isinstance(value, mpmath.mpc):
        if abs(value.imag) > mpmath.mpf(10) ** -40 * max(1, abs(value)):
            raise Undefined('not real')
        value = value.real
    if not mpmath.isfinite(value):
        raise Undefined('not finite')
    return value


def rng_for(key: str) -> random.Random:
    return random.Random(int(hashlib.sha256(key.encode()).hexdigest()[:16], 16))


def sample_points(symbols: list[sp.Symbol], key: str, domain: dict[str, tuple[float, float]], count: int = 48) -> list[dict]:
    rng = rng_for(key)
    points = []
    for _ in range(count):
        point = {}
        for s in symbols:
            if s.name in domain:
                lo, hi = domain[s.name]
                v = rng.uniform(lo, hi)
            else:
                v = rng.choice([-1, 1]) * rng.uniform(0.15, 2.6)
            point[s] = mpmath.mpf(v)
        points.append(point)
    return points


EQUAL = mpmath.mpf(10) ** -30
DIFFERENT = mpmath.mpf(10) ** -8


def compare(reference: sp.Expr, claim: sp.Expr, key: str, domain: dict, what: str) -> tuple[str, str]:
    """Compare a claim with the reference on the reference's real domain: (label, evidence)."""
    symbols = sorted(reference.free_symbols | claim.free_symbols, key=lambda s: s.name)
    if not symbols:
        symbols = []
    agree, differ, details = 0, 0, []
    for point in sample_points(symbols, key, domain) if symbols else [{}]:
        try:
            ref = real_value(reference, point)
        except Undefined:
            continue
        try:
            got = real_value(claim, point)
        except Undefined:
            differ += 1
            details.append(f'claim undefined at {fmt_point(point)}')
            continue
        scale = max(mpmath.mpf(1), abs(ref), abs(got))
        gap = abs(ref - got) / scale
        if gap <= EQUAL:
            agree += 1
        elif gap >= DIFFERENT:
            differ += 1
            if len(details) < 2:
                details.append(f'at {fmt_point(point)}: claim {mpmath.nstr(got, 12)}, right {mpmath.nstr(ref, 12)}')
        else:
            raise SystemExit(f'{what}: a point neither equal nor different ({mpmath.nstr(gap, 5)}) at {fmt_point(point)}')
    needed = 8 if symbols else 1
    if agree + differ < needed:
        raise SystemExit(f'{what}: only {agree + differ} points where the reference is defined')
    symbolic = symbolic_difference(reference - claim)
    if differ == 0:
        if symbolic == 'nonzero':
            raise SystemExit(f'{what}: sympy says the difference is a nonzero constant, the numbers agree')
        return C, f'{agree} points agree; sympy: {symbolic}'
    if differ < 2 and symbols:
        raise SystemExit(f'{what}: differs at only {differ} point(s): {details}')
    if symbolic.startswith('zero'):
        raise SystemExit(f'{what}: sympy simplifies the difference to 0, the numbers differ: {details}')
    return I, f'{differ} of {agree + differ} points differ ({"; ".join(details)}); sympy: {symbolic}'


def fmt_point(point: dict) -> str:
    return ', '.join(f'{s.name} = {mpmath.nstr(v, 8)}' for s, v in point.items())


def symbolic_difference(diff: sp.Expr) -> str:
    """'zero' when sympy simplifies the difference to 0, 'nonzero' when to a nonzero constant, else 'unknown'."""
    if sp.count_ops(diff) > 400:
        return 'unknown (too large to simplify)'
    try:
        simplified = sp.simplify(diff)
    except Exception:  # noqa: BLE001 - sympy may fail on piecewise forms; the numbers decide then
        return 'unknown'
    if simplified == 0:
        return 'zero'
    if simplified.is_number and simplified.is_real and simplified != 0:
        return 'nonzero'
    # abs and sign: simplify again on each orthant (every variable positive or negative)
    symbols = sorted(diff.free_symbols, key=lambda s: s.name)
    if diff.has(sp.Abs, sp.sign) and 0 < len(symbols) <= 3:
        import itertools
        for signs in itertools.product((1, -1), repeat=len(symbols)):
            orthant = {s: sign * sp.Symbol(f'{s.name}_p', positive=True) for s, sign in zip(symbols, signs)}
            if sp.simplify(diff.xreplace(orthant)) != 0:
                return 'unknown'
        return 'zero (on every orthant)'
    return 'unknown'


# ----------------------------------------------------------------------------------------------------------------
# Bindings and adjoints.

class Scope:
    """The bindings of a case so far (name -> sympy formula in terms of earlier names)."""

    def __init__(self) -> None:
        self.defs: list[tuple[sp.Symbol, sp.Expr]] = []

    def bind(self, name: str, meaning: str) -> None:
        self.defs.append((sym(name), self.F(meaning)))

    def F(self, text: str) -> sp.Expr:
        """A formula that may use D(f, v): the derivative of the bound f by v (an adjoint when v is bound), in the
        leaves, as `df/dv` means inside an expression."""
        return F(text, {'D': lambda f, v: self.derivative(f, v.name)})

    def names(self) -> set[sp.Symbol]:
        return {name for name, _ in self.defs}

    def expand(self, expr: sp.Expr, keep: sp.Symbol | None = None, fresh: sp.Symbol | None = None) -> sp.Expr:
        """expr with every bound name replaced by its definition, last-defined first (definitions only use earlier
        names), so that every bound name ends up as the leaves; `keep` (a bound name) is not expanded but becomes
        the symbol `fresh` wherever it occurs as a node."""
        for name, meaning in reversed(self.defs):
            if name == keep:
                expr = expr.xreplace({name: fresh})
            else:
                expr = expr.xreplace({name: meaning})
        return expr

    def derivative(self, f: sp.Expr, var: str) -> sp.Expr:
        """The derivative of f by var, in the leaves: the adjoint when var is a bound name."""
        v = sym(var)
        if v in self.names():
            cut = sp.Symbol(f'__cut_{var}', real=True)
            tail = self.expand(f, keep=v, fresh=cut)
            adjoint = sp.diff(tail, cut)
            node = self.expand(v)
            return self.expand(adjoint.xreplace({cut: node}))
        return sp.diff(self.expand(f), v)


# ----------------------------------------------------------------------------------------------------------------
# Numbers.

ANSWER = re.compile(r'=\s*(-?\d+(?:\.\d+)?)\s*$')


def judge_number(exact: sp.Expr, answer: str, gray_ok: bool, what: str) -> tuple[str, str]:
    value = sp.N(exact, 60)
    if not value.is_real:
        raise SystemExit(f'{what}: the exact value {value} is not real')
    exact_mp = mpmath.mpf(str(value))
    written = mpmath.mpf(answer)
    if '.' not in answer:
        gap = abs(exact_mp - written)
        if gap < mpmath.mpf(10) ** -40:
            return C, f'exact value {mpmath.nstr(exact_mp, 12)} is the whole number {answer}'
        if gap < mpmath.mpf('0.01'):
            raise SystemExit(f'{what}: a whole number {answer} within 0.01 of the exact {exact_mp}; too close to label')
        return I, f'exact value {mpmath.nstr(exact_mp, 12)}, not the whole number {answer}'
    decimals = len(answer.split('.')[1])
    unit = mpmath.mpf(10) ** -decimals
    units = abs(exact_mp - written) / unit
    if abs(units - mpmath.mpf('0.5')) < mpmath.mpf('0.02'):
        raise SystemExit(f'{what}: the exact value {exact_mp} is too near a rounding tie for {answer}')
    rounded = f'exact value {mpmath.nstr(exact_mp, 10)}, {mpmath.nstr(units, 3)} units of the last digit from {answer}'
    if units < mpmath.mpf('0.5'):
        return C, rounded
    if units >= 2 or gray_ok:
        return I, rounded + (' (gray zone, listed as a known false accept)' if units < 2 else '')
    raise SystemExit(f'{what}: gray zone: {rounded}')


# ----------------------------------------------------------------------------------------------------------------
# Matrix claims.

class MatEnv:
    """Declared tensors as sympy matrices of entry symbols (W_1_2, x_3), plus helpers the answers use."""

    def __init__(self, dims: dict[str, tuple[int, int]]):
        self.dims = dims
        for name, (rows, cols) in dims.items():
            if cols == 1:
                entries = [[sym(f'{name}_{i + 1}')] for i in range(rows)]
            else:
                entries = [[sym(f'{name}_{i + 1}_{j + 1}') for j in range(cols)] for i in range(rows)]
            setattr(self, name, sp.Matrix(entries))

    def symbols(self) -> list[sp.Symbol]:
        out = []
        for name in self.dims:
            out.extend(getattr(self, name))
        return out


def ew(fn, A):
    """A scalar function entry by entry."""
    return A.applyfunc(fn)


def had(A, B):
    """The elementwise product A .* B (shapes must be equal)."""
    if A.shape != B.shape:
        raise sp.ShapeError(f'.* of {A.shape} and {B.shape}')
    return A.multiply_elementwise(B)


def bcast(b, cols):
    """A column vector stretched over `cols` columns (a bias over a batch)."""
    return b * sp.ones(1, cols)


def total(A):
    """sum(A): every entry."""
    return sum(A, sp.Integer(0))


def scalar(A):
    """A 1x1 result used as a scalar."""
    assert A.shape == (1, 1), A.shape
    return A[0, 0]


def softmax(Z):
    out = sp.zeros(*Z.shape)
    for j in range(Z.shape[1]):
        den = sum((sp.exp(Z[i, j]) for i in range(Z.shape[0])), sp.Integer(0))
        for i in range(Z.shape[0]):
            out[i, j] = sp.exp(Z[i, j]) / den
    return out


def label_matrix(c: Case, claim: Mat, index: int) -> tuple[str, str]:
    env = MatEnv(c.dims)
    L = c.loss(env)
    W = getattr(env, claim.wrt)
    grad = sp.Matrix(W.shape[0], W.shape[1], lambda i, j: sp.diff(L, W[i, j]))
    what = f'{c.id} line {index}'
    try:
        answer = claim.answer(env)
    except (sp.ShapeError, ValueError, TypeError) as exc:
        return I, f'the answer is undefined: {exc}'
    if not isinstance(answer, sp.MatrixBase):
        return I, f'the answer is a scalar where dL/d{claim.wrt} is {W.shape[0]}x{W.shape[1]}'
    if answer.shape != grad.shape:
        return I, f'the answer is {answer.shape[0]}x{answer.shape[1]} where dL/d{claim.wrt} is {W.shape[0]}x{W.shape[1]}'
    entries_ref = list(grad)
    entries_got = list(answer)
    for name in c.distributions:  # in each column the last target is 1 minus the others (by anything but the targets)
        if name == claim.wrt:
            continue
        Y = getattr(env, name)
        given = {Y[Y.shape[0] - 1, j]: 1 - sum((Y[i, j] for i in range(Y.shape[0] - 1)), sp.Integer(0)) for j in range(Y.shape[1])}
        entries_ref = [entry.subs(given) for entry in entries_ref]
        entries_got = [entry.subs(given) for entry in entries_got]
    declared = [symbol for symbol in env.symbols() if any(symbol in entry.free_symbols for entry in entries_ref + entries_got)]
    scalars = set().union(*(e.free_symbols for e in entries_ref + entries_got)) - set(declared)
    symbols = declared + sorted(scalars, key=lambda s: s.name)  # undeclared names are scalars (b, y)
    f_ref = sp.lambdify(symbols, entries_ref, modules='mpmath')
    f_got = sp.lambdify(symbols, entries_got, modules='mpmath')
    rng = rng_for(what)
    differ, agree, detail = 0, 0, ''
    for _ in range(6):
        values = [mpmath.mpf(rng.uniform(-2, 2)) for _ in symbols]
        ref, got = f_ref(*values), f_got(*values)
        for k, (a, b) in enumerate(zip(ref, got)):
            a, b = mpmath.mpmathify(a), mpmath.mpmathify(b)
            gap = abs(a - b) / max(1, abs(a), abs(b))
            if gap <= EQUAL:
                agree += 1
            elif gap >= DIFFERENT:
                differ += 1
                if not detail:
                    i, j = divmod(k, W.shape[1])
                    detail = f'entry ({i + 1},{j + 1}): claim {mpmath.nstr(b, 10)}, right {mpmath.nstr(a, 10)}'
            else:
                raise SystemExit(f'{what}: an entry neither equal nor different')
    exact = 'unknown'
    if differ == 0:  # a correct answer is also proved entry by entry
        def zero(d):
            return sp.simplify(d) == 0 or sp.simplify(sp.together(sp.expand(d))) == 0
        exact = 'zero' if all(zero(a - b) for a, b in zip(entries_ref, entries_got)) else 'unknown'
    if differ == 0:
        return C, f'{agree} entry values agree at 6 points; sympy entry by entry: {exact}'
    if exact == 'zero':
        raise SystemExit(f'{what}: sympy says equal, the numbers differ')
    return I, f'{differ} entry values differ ({detail})'


# ----------------------------------------------------------------------------------------------------------------
# Labelling a case.

def label_case(c: Case, verbose: bool = False) -> dict:
    scope = Scope()
    texts: list[str] = []
    expect: list[dict] = []
    evidence: list[str] = []

    def check_label(item, computed: str, why: str, line: int) -> None:
        written = item.label
        if computed != written:
            raise SystemExit(f'{c.id} line {line}: labelled {written} but computed {computed}: {why}\n  {item.text}')

    def claim_label(item, line: int, key: str) -> tuple[str, str]:
        what = f'{c.id} line {line}'
        if isinstance(item, Deriv):
            reference = scope.derivative(scope.F(item.f), item.var)
            claimed = scope.expand(scope.F(item.rhs))
            return compare(reference, claimed, key, c.domain, what)
        if isinstance(item, Ident):
            lhs, rhs = scope.expand(scope.F(item.lhs)), scope.expand(scope.F(item.rhs))
            return compare(lhs, rhs, key, c.domain, what)
        raise TypeError(item)

    for item in c.lines:
        if isinstance(item, str):
            item = Text(item)
        if isinstance(item, Text):
            texts.append(item.text)
            continue
        if isinstance(item, Def):
            texts.append(item.text)
            scope.bind(item.name, item.meaning)
            continue
        if isinstance(item, (Deriv, Ident)):
            texts.append(item.text)
            line = len(texts)
            label, why = claim_label(item, line, f'{c.id}:{line}')
            check_label(item, label, why, line)
            expect.append({'line': line, 'verdict': label})
            evidence.append(f'line {line}: {label}: {why}')
            continue
        if isinstance(item, Num):
            texts.append(item.text)
            line = len(texts)
            match = ANSWER.search(item.text)
            if not match:
                raise SystemExit(f'{c.id} line {line}: no written answer at the end of {item.text!r}')
            expr = scope.F(item.expr)
            if item.var is not None:
                exact = scope.derivative(expr, item.var)
            else:
                exact = scope.expand(expr)
            exact = exact.xreplace({sym(k): F(v) for k, v in item.point.items()})
            if exact.free_symbols:
                raise SystemExit(f'{c.id} line {line}: the value still has variables {exact.free_symbols}')
            label, why = judge_number(exact, match.group(1), item.gray_ok, f'{c.id} line {line}')
            check_label(item, label, why, line)
            expect.append({'line': line, 'verdict': label})
            evidence.append(f'line {line}: {label}: {why}')
            continue
        if isinstance(item, Chain):
            texts.append(item.head.text)
            start = len(texts)
            lines = [start]
            for step in item.steps:
                if step.text is not None:  # a step on a line of its own; None: one more `= step` on the same line
                    texts.append(step.text)
                lines.append(len(texts))
            head = item.head
            rhs_list = [head.rhs] + [s.rhs for s in item.steps]
            if isinstance(head, Deriv):
                previous = scope.derivative(scope.F(head.f), head.var)
            else:
                previous = scope.expand(scope.F(head.lhs))
            broken, steps_why = [], []
            for k, rhs in enumerate(rhs_list):
                current = scope.expand(scope.F(rhs))
                label, why = compare(previous, current, f'{c.id}:{start}:{k}', c.domain, f'{c.id} step {k} (line {lines[k]})')
                if label == I:
                    broken.append((k, why))
                steps_why.append(f'step {k + 1}: {label} ({why})')
                previous = current
            if len(broken) > 1:
                raise SystemExit(f'{c.id}: more than one wrong step: {broken}')
            computed = broken[0][0] if broken else None
            if computed != item.wrong:
                raise SystemExit(f'{c.id}: the wrong step is written as {item.wrong}, computed {computed}: {broken}')
            if broken:
                line = lines[broken[0][0]]
                expect.append({'line': line, 'verdict': I})
                evidence.append(f'line {line}: incorrect (step {broken[0][0] + 1} of the derivation on line {start}): {broken[0][1]}')
            else:
                expect.append({'line': start, 'verdict': C})
                evidence.append(f'line {start}: correct (every step of the derivation): ' + '; '.join(steps_why))
            continue
        if isinstance(item, Mat):
            texts.append(item.text)
            line = len(texts)
            label, why = label_matrix(c, item, line)
            check_label(item, label, why, line)
            expect.append({'line': line, 'verdict': label})
            evidence.append(f'line {line}: {label}: {why}')
            continue
        raise TypeError(item)
    if verbose:
        print(f'--- {c.id} ({c.category}, {c.form})')
        for n, t in enumerate(texts, 1):
            print(f'{n:3} | {t}')
        for e in evidence:
            print('     ' + e)
    return {'id': c.id, 'category': c.category, 'form': c.form, 'text': '\n'.join(texts), 'expect': expect, 'note': c.note}


# ================================================================================================================
# The cases.
# ================================================================================================================

# ---------------------------------------------------------------------------------------------------- textbook

def d(text: str, f: str, rhs: str, label: str, var: str = 'x') -> Deriv:
    """A one-line derivative claim of a textbook exercise."""
    return Deriv(text, f, var, rhs, label)


def textbook(id: str, form: str, lines: list, note: str = '', **kw) -> None:
    case(id, 'textbook', form, lines, note, **kw)


textbook('tb-power-01', 'plain, power rule', [
    '# Stewart 3.1: differentiate',
    d('d/dx (3x^4 - 5x^2 + 7) = 12x^3 - 10x', '3*x**4 - 5*x**2 + 7', '12*x**3 - 10*x', C),
    d('d/dx (2x^3 + x^-2) = 6x^2 - 2x^-3', '2*x**3 + x**(-2)', '6*x**2 - 2*x**(-3)', C),
    d('d/dx (4x^3 - 2x + 1) = 12x^2 - 2x', '4*x**3 - 2*x + 1', '12*x**2 - 2*x', I),
    d('d/dx (x^4 + 3x^2 - 2) = 4x^3 + 6x - 2', 'x**4 + 3*x**2 - 2', '4*x**3 + 6*x - 2', I),
], 'power rule; the wrong ones keep an x on a linear term and differentiate a constant to itself')

textbook('tb-power-02', 'plain, powers and roots', [
    d('d/dx (1/x^3) = -3/x^4', '1/x**3', '-3/x**4', C),
    d('d/dx (1/x^3) = -3/x^2', '1/x**3', '-3/x**2', I),
    d('d/dx sqrt(x) = 1/(2 sqrt(x))', 'sqrt(x)', '1/(2*sqrt(x))', C),
    d('d/dx x^(2/3) = 2/3 x^(-1/3)', 'x**(2/3)', 'Rational(2,3)*x**(-1/3)', C),
], 'x^(2/3) is defined for x >= 0 only (a negative base takes integer exponents), as its derivative')

textbook('tb-product-01', 'plain, product rule', [
    d('d/dx (x^2 e^x) = 2x e^x + x^2 e^x', 'x**2*exp(x)', '2*x*exp(x) + x**2*exp(x)', C),
    d('d/dx (x^2 e^x) = 2x e^x', 'x**2*exp(x)', '2*x*exp(x)', I),
    d('d/dx (x ln x) = ln x + 1', 'x*log(x)', 'log(x) + 1', C),
    d('d/dx (x^3 sin x) = 3x^2 cos x', 'x**3*sin(x)', '3*x**2*cos(x)', I),
    d('d/dx (sin x cos x) = cos^2 x - sin^2 x', 'sin(x)*cos(x)', 'cos(x)**2 - sin(x)**2', C),
    d('d/dx (e^x cos x) = e^x (cos x - sin x)', 'exp(x)*cos(x)', 'exp(x)*(cos(x) - sin(x))', C),
], 'functions without parentheses, as textbooks write them; the wrong ones drop a product-rule term or multiply the derivatives')

textbook('tb-product-02', 'plain, product of polynomials', [
    d('d/dx ((x^2 + 1)(x^3 - x)) = 2x(x^3 - x) + (x^2 + 1)(3x^2 - 1)', '(x**2 + 1)*(x**3 - x)', '2*x*(x**3 - x) + (x**2 + 1)*(3*x**2 - 1)', C),
    d('d/dx ((x^2 + 1)(x^3 - x)) = 2x(3x^2 - 1)', '(x**2 + 1)*(x**3 - x)', '2*x*(3*x**2 - 1)', I),
])

textbook('tb-quotient-01', 'plain, quotient rule', [
    d('d/dx (x/(x^2 + 1)) = (1 - x^2)/(x^2 + 1)^2', 'x/(x**2 + 1)', '(1 - x**2)/(x**2 + 1)**2', C),
    d('d/dx (x/(x^2 + 1)) = (x^2 - 1)/(x^2 + 1)^2', 'x/(x**2 + 1)', '(x**2 - 1)/(x**2 + 1)**2', I),
    d('d/dx ((2x + 1)/(x - 3)) = -7/(x - 3)^2', '(2*x + 1)/(x - 3)', '-7/(x - 3)**2', C),
    d('d/dx (sin x / x) = (x cos x - sin x)/x^2', 'sin(x)/x', '(x*cos(x) - sin(x))/x**2', C),
    d('d/dx (e^x/x) = e^x', 'exp(x)/x', 'exp(x)', I),
], 'the wrong ones: the quotient-rule sign, and u\'/v\' for a quotient')

textbook('tb-chain-01', 'plain, chain rule', [
    d('d/dx (x^2 + 1)^10 = 20x (x^2 + 1)^9', '(x**2 + 1)**10', '20*x*(x**2 + 1)**9', C),
    d('d/dx (3x^2 - 5)^4 = 4(3x^2 - 5)^3', '(3*x**2 - 5)**4', '4*(3*x**2 - 5)**3', I),
    d('d/dx sin(x^2) = 2x cos(x^2)', 'sin(x**2)', '2*x*cos(x**2)', C),
    d('d/dx sin(x^2) = cos(2x)', 'sin(x**2)', 'cos(2*x)', I),
    d('d/dx cos(3x) = -3 sin(3x)', 'cos(3*x)', '-3*sin(3*x)', C),
    d('d/dx cos(3x) = 3 sin(3x)', 'cos(3*x)', '3*sin(3*x)', I),
    d('d/dx e^(-x^2) = -2x e^(-x^2)', 'exp(-x**2)', '-2*x*exp(-x**2)', C),
    d('d/dx ln(x^2 + 1) = 1/(x^2 + 1)', 'log(x**2 + 1)', '1/(x**2 + 1)', I),
    d('d/dx e^(sin x) = e^(sin x) cos x', 'exp(sin(x))', 'exp(sin(x))*cos(x)', C),
], 'the wrong ones miss the inner derivative, or apply the chain rule the wrong way round')

textbook('tb-notation-01', 'student notation: powers of functions', [
    d('d/dx cos^3(2x) = -6 cos^2(2x) sin(2x)', 'cos(2*x)**3', '-6*cos(2*x)**2*sin(2*x)', C),
    d('d/dx cos^3(2x) = -3 cos^2(2x) sin(2x)', 'cos(2*x)**3', '-3*cos(2*x)**2*sin(2*x)', I),
    d('d/dx sin²(2x) = 4 sin(2x) cos(2x)', 'sin(2*x)**2', '4*sin(2*x)*cos(2*x)', C),
    d('d/dx sin²(2x) = 2 sin(2x) cos(2x)', 'sin(2*x)**2', '2*sin(2*x)*cos(2*x)', I),
    d('d/dx sin²(2x) = 2 sin(4x)', 'sin(2*x)**2', '2*sin(4*x)', C),
    d('d/dx tan²x = 2 tan x · sec²x', 'tan(x)**2', '2*tan(x)*sec(x)**2', C),
    d('d/dx tan²x = 2 tan x', 'tan(x)**2', '2*tan(x)', I),
], 'cos^3(2x) is (cos 2x)^3 and tan²x is (tan x)^2, as textbooks mean them; an explicit product sign before a function without parentheses')

textbook('tb-notation-02', 'student notation: brackets, d(u)/dx, prime', [
    d('d/dx [x^2] = 2x', 'x**2', '2*x', C),
    d('d/dx [x^3 - 3x] = 3x^2 - 3', 'x**3 - 3*x', '3*x**2 - 3', C),
    d('d/dx [sin(5x)] = cos(5x)', 'sin(5*x)', 'cos(5*x)', I),
    d('d(x^2)/dx = 2x', 'x**2', '2*x', C),
    d('d(x^3 + 5x)/dx = 3x^2 + 5x', 'x**3 + 5*x', '3*x**2 + 5*x', I),
    d('d(sin 2x)/dx = 2 cos 2x', 'sin(2*x)', '2*cos(2*x)', C),
    d("(x^2)' = 2x", 'x**2', '2*x', C),
    d("(x e^x)' = e^x + x e^x", 'x*exp(x)', 'exp(x) + x*exp(x)', C),
    d("(ln x)' = 1/x^2", 'log(x)', '1/x**2', I),
], "(u)' is the derivative by the one variable of u")

textbook('tb-notation-03', 'student notation: |x| in plain syntax', [
    d('d/dx |x| = |x|/x', 'Abs(x)', 'Abs(x)/x', C),
    d('d/dx |2x + 1| = 2 sign(2x + 1)', 'Abs(2*x + 1)', '2*sign(2*x + 1)', C),
    d('d/dx |x^2 - 4| = 2x', 'Abs(x**2 - 4)', '2*x', I),
    d('d/dx (x |x|) = 2|x|', 'x*Abs(x)', '2*Abs(x)', C),
], 'away from the kinks; |x^2 - 4| has derivative -2x for |x| < 2, so 2x is wrong there')

textbook('tb-unicode-01', 'unicode: superscripts, middle dot, minus sign, root', [
    d('d/dx (x³·cos x) = 3x²·cos x − x³·sin x', 'x**3*cos(x)', '3*x**2*cos(x) - x**3*sin(x)', C),
    d('d/dx (x³·cos x) = 3x²·cos x + x³·sin x', 'x**3*cos(x)', '3*x**2*cos(x) + x**3*sin(x)', I),
    d('d/dx (x·ln x − x) = ln x', 'x*log(x) - x', 'log(x)', C),
    d('d/dx √(x² + 1) = x/√(x² + 1)', 'sqrt(x**2 + 1)', 'x/sqrt(x**2 + 1)', C),
    d('d/dx √(2x) = 1/(2√(2x))', 'sqrt(2*x)', '1/(2*sqrt(2*x))', I),
    d('d/dx x⁻¹ = −x⁻²', 'x**(-1)', '-x**(-2)', C),
    d('d/dx (x² − 3x)³ = 3(x² − 3x)²(2x − 3)', '(x**2 - 3*x)**3', '3*(x**2 - 3*x)**2*(2*x - 3)', C),
    d('d/dx (x² − 3x)³ = 3(x² − 3x)²', '(x**2 - 3*x)**3', '3*(x**2 - 3*x)**2', I),
    d('d/dx (π x² + e) = 2π x', 'pi*x**2 + e', '2*pi*x', C),
    d('d/dx σ(3x) = 3σ(3x)(1 − σ(3x))', 'sigmoid(3*x)', '3*sigmoid(3*x)*(1 - sigmoid(3*x))', C),
    d('d/dx σ(x) = σ(x)(1 + σ(x))', 'sigmoid(x)', 'sigmoid(x)*(1 + sigmoid(x))', I),
], 'text pasted from slides: x³, ·, −, √, π, σ')

textbook('tb-trig-01', 'plain, trigonometric', [
    d('d/dx tan x = sec^2 x', 'tan(x)', 'sec(x)**2', C),
    d('d/dx tan x = 1 + tan^2 x', 'tan(x)', '1 + tan(x)**2', C),
    d('d/dx sec x = sec x tan x', 'sec(x)', 'sec(x)*tan(x)', C),
    d('d/dx csc x = -csc x cot x', 'csc(x)', '-csc(x)*cot(x)', C),
    d('d/dx cot x = csc^2 x', 'cot(x)', 'csc(x)**2', I),
    d('d/dx (x tan x) = tan x + x sec^2 x', 'x*tan(x)', 'tan(x) + x*sec(x)**2', C),
    d('d/dx cos(x^3) = -sin(x^3)', 'cos(x**3)', '-sin(x**3)', I),
    d('d/dx cos x = sin x', 'cos(x)', 'sin(x)', I),
])

textbook('tb-explog-01', 'plain, exponentials and logarithms', [
    d('d/dx 2^x = 2^x ln 2', '2**x', '2**x*log(2)', C),
    d('d/dx 2^x = x 2^(x-1)', '2**x', 'x*2**(x - 1)', I),
    d('d/dx log2(x) = 1/(x ln 2)', 'log(x)/log(2)', '1/(x*log(2))', C),
    d('d/dx e^(3x) = 3e^(3x)', 'exp(3*x)', '3*exp(3*x)', C),
    d('d/dx e^(3x) = e^(3x)', 'exp(3*x)', 'exp(3*x)', I),
    d('d/dx ln(ln x) = 1/(x ln x)', 'log(log(x))', '1/(x*log(x))', C),
    d('d/dx x^x = x^x (ln x + 1)', 'x**x', 'x**x*(log(x) + 1)', C),
    d('d/dx ln(3x) = 3/x', 'log(3*x)', '3/x', I),
], 'x^x is defined for x > 0 only, in chainrule and here')

textbook('tb-invtrig-01', 'plain, inverse trigonometric', [
    d('d/dx arcsin x = 1/sqrt(1 - x^2)', 'asin(x)', '1/sqrt(1 - x**2)', C),
    d('d/dx arccos x = 1/sqrt(1 - x^2)', 'acos(x)', '1/sqrt(1 - x**2)', I),
    d('d/dx arctan(2x) = 2/(1 + 4x^2)', 'atan(2*x)', '2/(1 + 4*x**2)', C),
    d('d/dx arctan(2x) = 1/(1 + 4x^2)', 'atan(2*x)', '1/(1 + 4*x**2)', I),
    d('d/dx arcsin(x^2) = 2x/sqrt(1 - x^4)', 'asin(x**2)', '2*x/sqrt(1 - x**4)', C),
])

textbook('tb-hyperbolic-01', 'plain, hyperbolic', [
    d('d/dx sinh x = cosh x', 'sinh(x)', 'cosh(x)', C),
    d('d/dx cosh(2x) = 2 sinh(2x)', 'cosh(2*x)', '2*sinh(2*x)', C),
    d('d/dx cosh x = -sinh x', 'cosh(x)', '-sinh(x)', I),
    d('d/dx tanh x = sech^2 x', 'tanh(x)', 'sech(x)**2', C),
    d('d/dx tanh x = 1 - tanh^2 x', 'tanh(x)', '1 - tanh(x)**2', C),
    d('d/dx tanh x = 1 + tanh^2 x', 'tanh(x)', '1 + tanh(x)**2', I),
])

textbook('tb-activation-01', 'plain, activations', [
    d('d/dx sigmoid(x) = sigmoid(x)(1 - sigmoid(x))', 'sigmoid(x)', 'sigmoid(x)*(1 - sigmoid(x))', C),
    d('d/dx sigmoid(x) = sigmoid(x)(1 + sigmoid(x))', 'sigmoid(x)', 'sigmoid(x)*(1 + sigmoid(x))', I),
    d('d/dx sigmoid(x) = e^(-x)/(1 + e^(-x))^2', 'sigmoid(x)', 'diff((1 + exp(-x))**(-1), x)', C),
    d('d/dx sigmoid(2x) = 2 sigmoid(2x)(1 - sigmoid(2x))', 'sigmoid(2*x)', '2*sigmoid(2*x)*(1 - sigmoid(2*x))', C),
    d('d/dx sigmoid(2x) = sigmoid(2x)(1 - sigmoid(2x))', 'sigmoid(2*x)', 'sigmoid(2*x)*(1 - sigmoid(2*x))', I),
    d('d/dx relu(x) = step(x)', 'relu(x)', 'step(x)', C),
    d('d/dx relu(3x - 1) = 3 step(3x - 1)', 'relu(3*x - 1)', '3*step(3*x - 1)', C),
    d('d/dx relu(x) = 1', 'relu(x)', '1', I),
    d('d/dx log(sigmoid(x)) = 1 - sigmoid(x)', 'log(sigmoid(x))', '1 - sigmoid(x)', C),
], 'relu(x) = 1 is wrong for x < 0')

textbook('tb-runtogether-01', 'names run together (textbook products)', [
    d('d/dy (x^3 + 3x y^2 - y^3) = 6xy - 3y^2', 'x**3 + 3*x*y**2 - y**3', '6*x*y - 3*y**2', C, var='y'),
    d('d/dx (x^3 + 3x y^2 - y^3) = 3x^2 + 3y^2', 'x**3 + 3*x*y**2 - y**3', '3*x**2 + 3*y**2', C),
    d('d/dy (x^3 + 3x y^2 - y^3) = 6xy - 3y^3', 'x**3 + 3*x*y**2 - y**3', '6*x*y - 3*y**3', I, var='y'),
    d('d/dx e^(x y) = y e^(xy)', 'exp(x*y)', 'y*exp(x*y)', C),
    d('∂/∂x (x^2 y^3) = 2xy^3', 'x**2*y**3', '2*x*y**3', C),
], 'xy, 6xy: names that are not defined and split into the single-letter variables of the function are products, '
   'as textbooks mean them; 2xy^3 is 2*x*y^3 (the power is on y)')

textbook('tb-runtogether-02', 'names run together, neuron (unicode)', [
    d('∂/∂w (y − σ(wx + b))² = −2x(y − σ(wx + b))σ(wx + b)(1 − σ(wx + b))', '(y - sigmoid(w*x + b))**2',
      '-2*x*(y - sigmoid(w*x + b))*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))', C, var='w'),
    d('∂/∂w (y − σ(wx + b))² = −2(y − σ(wx + b))σ(wx + b)(1 − σ(wx + b))', '(y - sigmoid(w*x + b))**2',
      '-2*(y - sigmoid(w*x + b))*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))', I, var='w'),
    d('∂/∂b (y − σ(wx + b))² = −2(y − σ(wx + b))σ(wx + b)(1 − σ(wx + b))', '(y - sigmoid(w*x + b))**2',
      '-2*(y - sigmoid(w*x + b))*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))', C, var='b'),
    d('∂/∂b (wx + b - y)^2 = 2(wx + b - y)', '(w*x + b - y)**2', '2*(w*x + b - y)', C, var='b'),
    d('∂/∂w (wx + b - y)^2 = 2(wx + b - y)', '(w*x + b - y)**2', '2*(w*x + b - y)', I, var='w'),
    d('∂/∂w (wx + b - y)^2 = 2x(wx + b - y)', '(w*x + b - y)**2', '2*x*(w*x + b - y)', C, var='w'),
], 'wx is w*x; the wrong ones miss the inner derivative x')

textbook('tb-latex-01', 'latex frac d/dx', [
    d(r'\frac{d}{dx}\left(x^2 \sin x\right) = 2x \sin x + x^2 \cos x', 'x**2*sin(x)', '2*x*sin(x) + x**2*cos(x)', C),
    d(r'\frac{d}{dx}\left(\sin^2 x\right) = 2\sin x \cos x', 'sin(x)**2', '2*sin(x)*cos(x)', C),
    d(r'\frac{d}{dx}(x^2 + 1)^3 = 6x(x^2 + 1)^2', '(x**2 + 1)**3', '6*x*(x**2 + 1)**2', C),
    d(r'\frac{d}{dx}\left(\sin^2 x\right) = 2\sin x', 'sin(x)**2', '2*sin(x)', I),
    d(r'\frac{d}{dx}\left(e^{2x}\cos x\right) = 2e^{2x}\cos x - e^{2x}\sin x', 'exp(2*x)*cos(x)', '2*exp(2*x)*cos(x) - exp(2*x)*sin(x)', C),
    d(r'\frac{d}{dx}\sqrt{x^2 + 4} = \frac{x}{\sqrt{x^2 + 4}}', 'sqrt(x**2 + 4)', 'x/sqrt(x**2 + 4)', C),
    d(r'\frac{d}{dx}\sqrt{x^2 + 4} = \frac{1}{2\sqrt{x^2 + 4}}', 'sqrt(x**2 + 4)', '1/(2*sqrt(x**2 + 4))', I),
    d(r'\frac{d}{dx}\left(\frac{x^2}{x + 1}\right) = \frac{x^2 + 2x}{(x + 1)^2}', 'x**2/(x + 1)', '(x**2 + 2*x)/(x + 1)**2', C),
    d(r'\frac{d}{dx}\left(\frac{x^2}{x + 1}\right) = \frac{x^2}{(x + 1)^2}', 'x**2/(x + 1)', 'x**2/(x + 1)**2', I),
], 'a homework sheet typeset in LaTeX')

textbook('tb-latex-02', 'latex frac d/dx, elementary functions', [
    d(r'\frac{d}{dx}\tan x = \sec^2 x', 'tan(x)', 'sec(x)**2', C),
    d(r'\frac{d}{dx}\left(x^3 \ln x\right) = 3x^2 \ln x + x^2', 'x**3*log(x)', '3*x**2*log(x) + x**2', C),
    d(r'\frac{d}{dx}\left(x^3 \ln x\right) = 3x^2 \ln x + x^3', 'x**3*log(x)', '3*x**2*log(x) + x**3', I),
    d(r'\frac{d}{dx}\frac{1}{1 + e^{-x}} = \frac{e^{-x}}{(1 + e^{-x})^2}', '1/(1 + exp(-x))', 'exp(-x)/(1 + exp(-x))**2', C),
    d(r'\frac{d}{dx}\left(\cos^3 x\right) = -3\cos^2 x \sin x', 'cos(x)**3', '-3*cos(x)**2*sin(x)', C),
    d(r'\frac{d}{dx}\left(5x^4 - \frac{3}{x}\right) = 20x^3 + \frac{3}{x^2}', '5*x**4 - 3/x', '20*x**3 + 3/x**2', C),
    d(r'\frac{d}{dx}\left(5x^4 - \frac{3}{x}\right) = 20x^3 - \frac{3}{x^2}', '5*x**4 - 3/x', '20*x**3 - 3/x**2', I),
    d(r'\frac{d}{dx}\left(\sqrt{x}\,e^{x}\right) = \frac{e^x}{2\sqrt{x}} + \sqrt{x}\,e^x', 'sqrt(x)*exp(x)', 'exp(x)/(2*sqrt(x)) + sqrt(x)*exp(x)', C),
], r'\, is a thin space')

textbook('tb-latex-03', 'latex frac partial', [
    Def('f = x^2*y + sin(x*y)', 'f', 'x**2*y + sin(x*y)'),
    d(r'\frac{\partial f}{\partial x} = 2xy + y\cos(xy)', 'f', '2*x*y + y*cos(x*y)', C),
    d(r'\frac{\partial f}{\partial y} = x^2 + y\cos(xy)', 'f', 'x**2 + y*cos(x*y)', I, var='y'),
    d(r'\frac{\partial f}{\partial y} = x^2 + x\cos(xy)', 'f', 'x**2 + x*cos(x*y)', C, var='y'),
    d(r'\frac{\partial}{\partial w}\left(\frac{1}{2}(wx - y)^2\right) = (wx - y)x', '(w*x - y)**2/2', '(w*x - y)*x', C, var='w'),
    d(r'\frac{\partial}{\partial w}\left(\frac{1}{2}(wx - y)^2\right) = wx - y', '(w*x - y)**2/2', 'w*x - y', I, var='w'),
], 'f defined in plain syntax, differentiated in LaTeX; in LaTeX, letters side by side multiply')

textbook('tb-latex-04', 'latex def and frac dg/dx', [
    Def('g = e^{-x^2}', 'g', 'exp(-x**2)'),
    d(r'\frac{dg}{dx} = -2xe^{-x^2}', 'g', '-2*x*exp(-x**2)', C),
    d(r'\frac{dg}{dx} = -x^2e^{-x^2}', 'g', '-x**2*exp(-x**2)', I),
], 'the definition itself written in LaTeX')

textbook('tb-sigma-01', "latex \\sigma and \\sigma'", [
    d(r"\frac{d}{dz}\sigma(z) = \sigma'(z)", 'sigmoid(z)', 'dsigmoid(z)', C, var='z'),
    d(r'\frac{d}{dz}\sigma(z) = \sigma(z)(1 - \sigma(z))', 'sigmoid(z)', 'sigmoid(z)*(1 - sigmoid(z))', C, var='z'),
    Ident(r"\sigma'(z) = \sigma(z)(1 - \sigma(z))", 'dsigmoid(z)', 'sigmoid(z)*(1 - sigmoid(z))', C),
    Ident(r"\sigma'(z) = \sigma(z)(1 + \sigma(z))", 'dsigmoid(z)', 'sigmoid(z)*(1 + sigmoid(z))', I),
    d(r"\frac{d}{dz}\sigma(2z) = 2\sigma'(2z)", 'sigmoid(2*z)', '2*dsigmoid(2*z)', C, var='z'),
    d(r"\frac{d}{dz}\sigma(2z) = \sigma'(2z)", 'sigmoid(2*z)', 'dsigmoid(2*z)', I, var='z'),
], r"\sigma'(z) is the derivative of the sigmoid, on either side")

textbook('tb-mixed-01', 'plain operator with a LaTeX body', [
    d(r'd/dx (\ln(x^2+1)) = \frac{2x}{x^2+1}', 'log(x**2 + 1)', '2*x/(x**2 + 1)', C),
    d(r'd/dx (\ln(x^2+1)) = \frac{1}{x^2+1}', 'log(x**2 + 1)', '1/(x**2 + 1)', I),
    d(r'd/dx (\sin(x^2)) = 2x\cos(x^2)', 'sin(x**2)', '2*x*cos(x**2)', C),
    d(r'd/dx (e^{3x}) = 3e^{3x}', 'exp(3*x)', '3*exp(3*x)', C),
    d(r'd/dx \sqrt{x} = \frac{1}{2\sqrt{x}}', 'sqrt(x)', '1/(2*sqrt(x))', C),
], 'one line, one reading: the whole line is LaTeX')

# ---------------------------------------------------------------------------------------------------- derivation

def derivation(id: str, form: str, lines: list, note: str = '', **kw) -> None:
    case(id, 'derivation', form, lines, note, **kw)


derivation('dv-plain-01', 'plain continuation lines, all right', [
    Chain(d('d/dx (x^2 + 1)^3 = 3(x^2 + 1)^2 * 2x', '(x**2 + 1)**3', '3*(x**2 + 1)**2*2*x', C),
          [Step('  = 6x(x^2 + 1)^2', '6*x*(x**2 + 1)**2'),
           Step('  = 6x^5 + 12x^3 + 6x', '6*x**5 + 12*x**3 + 6*x')], None),
])

derivation('dv-plain-02', 'plain continuation lines, wrong expansion', [
    Chain(d('d/dx (x^2 + 1)^3 = 3(x^2 + 1)^2 * 2x', '(x**2 + 1)**3', '3*(x**2 + 1)**2*2*x', C),
          [Step('  = 6x(x^2 + 1)^2', '6*x*(x**2 + 1)**2'),
           Step('  = 6x^5 + 6x^3 + 6x', '6*x**5 + 6*x**3 + 6*x')], 2),
], '(x^2 + 1)^2 = x^4 + 2x^2 + 1: the middle coefficient is 12, not 6')

derivation('dv-plain-03', 'plain, product rule then factored', [
    Chain(d('d/dx (x^2 sin x) = 2x sin x + x^2 cos x', 'x**2*sin(x)', '2*x*sin(x) + x**2*cos(x)', C),
          [Step('  = x(2 sin x + x cos x)', 'x*(2*sin(x) + x*cos(x))')], None),
])

derivation('dv-plain-04', 'plain, quotient rule with a sign slip', [
    Chain(d('d/dx (x/(x^2 + 1)) = ((x^2 + 1) - x*2x)/(x^2 + 1)^2', 'x/(x**2 + 1)', '((x**2 + 1) - x*2*x)/(x**2 + 1)**2', C),
          [Step('  = (x^2 + 1 + 2x^2)/(x^2 + 1)^2', '(x**2 + 1 + 2*x**2)/(x**2 + 1)**2'),
           Step('  = (3x^2 + 1)/(x^2 + 1)^2', '(3*x**2 + 1)/(x**2 + 1)**2')], 1),
], 'the minus sign before x*2x is lost when the parentheses are removed; the last step follows from the wrong one')

derivation('dv-plain-05', 'step written as = d/dx (...)', [
    Chain(d('d/dx ((x^2 + 1)(x - 1)) = d/dx (x^3 - x^2 + x - 1)', '(x**2 + 1)*(x - 1)', 'diff(x**3 - x**2 + x - 1, x)', C),
          [Step('  = 3x^2 - 2x + 1', '3*x**2 - 2*x + 1')], None),
], 'expand first, then differentiate')

derivation('dv-plain-06', 'step written as = d/dx (...), wrong expansion', [
    Chain(d('d/dx ((x^2 + 1)(x - 1)) = d/dx (x^3 + x^2 + x - 1)', '(x**2 + 1)*(x - 1)', 'diff(x**3 + x**2 + x - 1, x)', C),
          [Step('  = 3x^2 + 2x + 1', '3*x**2 + 2*x + 1')], 0),
], 'the expansion (x^2 + 1)(x - 1) = x^3 + x^2 + x - 1 is wrong; the first step is the wrong one')

derivation('dv-plain-07', 'step written as = d/dx (...), log rules', [
    Chain(d('d/dx ln(x^3 e^x) = d/dx (3 ln x + x)', 'log(x**3*exp(x))', 'diff(3*log(x) + x, x)', C),
          [Step('  = 3/x + 1', '3/x + 1')], None),
], 'x^3 e^x > 0 exactly when x > 0, so both sides live on x > 0')

derivation('dv-plain-08', 'plain with unicode middle dot, chain rule', [
    Chain(d('d/dx e^(sin(2x)) = e^(sin(2x)) · cos(2x) · 2', 'exp(sin(2*x))', 'exp(sin(2*x))*cos(2*x)*2', C),
          [Step('  = 2cos(2x) e^(sin(2x))', '2*cos(2*x)*exp(sin(2*x))')], None),
])

derivation('dv-plain-09', 'plain, powers of sin, one wrong step', [
    Chain(d('d/dx (sin x)^3 = 3(sin x)^2 · cos x', 'sin(x)**3', '3*sin(x)**2*cos(x)', C),
          [Step('  = 3 sin^2 x cos x', '3*sin(x)**2*cos(x)'),
           Step('  = 3 sin x cos x', '3*sin(x)*cos(x)')], 2),
], 'the square is dropped in the last step')

derivation('dv-plain-10', 'plain, bound function, factoring', [
    Def('f = x^3 - 6x^2 + 9x', 'f', 'x**3 - 6*x**2 + 9*x'),
    Chain(d('df/dx = 3x^2 - 12x + 9', 'f', '3*x**2 - 12*x + 9', C),
          [Step('  = 3(x^2 - 4x + 3)', '3*(x**2 - 4*x + 3)'),
           Step('  = 3(x - 1)(x - 3)', '3*(x - 1)*(x - 3)')], None),
])

derivation('dv-plain-11', 'plain, bound function, wrong factoring', [
    Def('f = x^3 - 6x^2 + 9x', 'f', 'x**3 - 6*x**2 + 9*x'),
    Chain(d('df/dx = 3x^2 - 12x + 9', 'f', '3*x**2 - 12*x + 9', C),
          [Step('  = 3(x^2 - 4x + 3)', '3*(x**2 - 4*x + 3)'),
           Step('  = 3(x - 1)(x + 3)', '3*(x - 1)*(x + 3)')], 2),
])

derivation('dv-oneline-01', 'one-line derivation', [
    Chain(d('d/dx (x^2 - 1)^2 = 2(x^2 - 1)(2x) = 4x^3 - 4x', '(x**2 - 1)**2', '2*(x**2 - 1)*(2*x)', C),
          [Step(None, '4*x**3 - 4*x')], None),
], 'a head = step = step line; the steps are on the same line')

derivation('dv-oneline-02', 'one-line derivation, missing inner derivative', [
    Chain(d('d/dx (3x + 1)^2 = 2(3x + 1) = 6x + 2', '(3*x + 1)**2', '2*(3*x + 1)', C),
          [Step(None, '6*x + 2')], 0),
], 'the first step misses the inner 3; the second follows from it')

derivation('dv-unicode-01', 'unicode continuation lines', [
    Chain(d('d/dx (x²·ln x) = 2x·ln x + x²·(1/x)', 'x**2*log(x)', '2*x*log(x) + x**2*(1/x)', C),
          [Step('  = 2x·ln x + x', '2*x*log(x) + x'),
           Step('  = x(2 ln x + 1)', 'x*(2*log(x) + 1)')], None),
])

derivation('dv-unicode-02', 'unicode continuation lines, wrong simplification', [
    Chain(d('d/dx √(x² + 9) = 1/(2√(x² + 9)) · 2x', 'sqrt(x**2 + 9)', '1/(2*sqrt(x**2 + 9))*2*x', C),
          [Step('  = x/√(x² + 9)', 'x/sqrt(x**2 + 9)'),
           Step('  = x/(x + 3)', 'x/(x + 3)')], 2),
], 'sqrt(x^2 + 9) is not x + 3')

derivation('dv-sigmoid-01', 'plain, sigmoid from its definition', [
    Chain(d('d/dx sigmoid(x) = d/dx (1 + e^(-x))^(-1)', 'sigmoid(x)', 'diff((1 + exp(-x))**(-1), x)', C),
          [Step('  = -(1 + e^(-x))^(-2) · (-e^(-x))', '-(1 + exp(-x))**(-2)*(-exp(-x))'),
           Step('  = e^(-x)/(1 + e^(-x))^2', 'exp(-x)/(1 + exp(-x))**2'),
           Step('  = sigmoid(x)(1 - sigmoid(x))', 'sigmoid(x)*(1 - sigmoid(x))')], None),
])

derivation('dv-sigmoid-02', 'plain, sigmoid, inner derivative sign lost', [
    Chain(d('d/dx sigmoid(x) = d/dx (1 + e^(-x))^(-1)', 'sigmoid(x)', 'diff((1 + exp(-x))**(-1), x)', C),
          [Step('  = -(1 + e^(-x))^(-2) · e^(-x)', '-(1 + exp(-x))**(-2)*exp(-x)'),
           Step('  = -e^(-x)/(1 + e^(-x))^2', '-exp(-x)/(1 + exp(-x))**2')], 1),
], 'the derivative of e^(-x) is -e^(-x)')

derivation('dv-plain-12', 'step written as = d/dx (...) inside a product', [
    Chain(d('d/dx (x + 1/x)^2 = 2(x + 1/x) · d/dx (x + 1/x)', '(x + 1/x)**2', '2*(x + 1/x)*diff(x + 1/x, x)', C),
          [Step('  = 2(x + 1/x)(1 - 1/x^2)', '2*(x + 1/x)*(1 - 1/x**2)'),
           Step('  = 2x - 2/x^3', '2*x - 2/x**3')], None),
])

derivation('dv-latex-01', 'latex continuation line', [
    Chain(d(r'\frac{d}{dx}\left(x^2 e^{3x}\right) = 2x e^{3x} + x^2 \cdot 3e^{3x}', 'x**2*exp(3*x)', '2*x*exp(3*x) + x**2*3*exp(3*x)', C),
          [Step(r'= e^{3x}\left(2x + 3x^2\right)', 'exp(3*x)*(2*x + 3*x**2)')], None),
])

derivation('dv-latex-02', r'latex align &= with \\ line ends', [
    Chain(d(r'\frac{d}{dx}(x^3 - 2x)^2 &= 2(x^3 - 2x)(3x^2 - 2) \\', '(x**3 - 2*x)**2', '2*(x**3 - 2*x)*(3*x**2 - 2)', C),
          [Step(r'&= 2(3x^5 - 2x^3 - 6x^3 + 4x) \\', '2*(3*x**5 - 2*x**3 - 6*x**3 + 4*x)'),
           Step(r'&= 6x^5 - 16x^3 + 8x', '6*x**5 - 16*x**3 + 8*x')], None),
], r'copied from an align environment, with its & and \\')

derivation('dv-latex-03', 'latex align &=, plain continuation', [
    Chain(d(r'\frac{d}{dx}\left(x^6 - 4x^3\right) &= \frac{d}{dx}x^6 - 4\frac{d}{dx}x^3', 'x**6 - 4*x**3', 'diff(x**6, x) - 4*diff(x**3, x)', C),
          [Step('&= 6x^5 - 12x^2', '6*x**5 - 12*x**2')], None),
], 'the continuation line has no backslash: it is read in the syntax of the block it continues')

derivation('dv-latex-04', 'latex align &=, wrong power', [
    Chain(d(r'\frac{d}{dx}\left(x^6 - 4x^3\right) &= 6x^5 - 4 \cdot 3x^2', 'x**6 - 4*x**3', '6*x**5 - 4*3*x**2', C),
          [Step('&= 6x^5 - 12x^3', '6*x**5 - 12*x**3')], 1),
])

derivation('dv-latex-05', r'plain continuation after a \frac line', [
    Chain(d(r'\frac{\partial}{\partial w}\left(\frac{1}{2}w^2x^2 - wxy\right) = \frac{1}{2}\cdot 2wx^2 - xy',
            'w**2*x**2/2 - w*x*y', '2*w*x**2/2 - x*y', C, var='w'),
          [Step('= wx^2 - xy', 'w*x**2 - x*y')], None),
], 'wx^2 is w*x^2 and xy is x*y, as on the LaTeX line above')

derivation('dv-latex-06', r'plain continuation after a \frac line, wrong', [
    Chain(d(r'\frac{\partial}{\partial w}\left(\frac{1}{2}w^2x^2 - wxy\right) = \frac{1}{2}\cdot 2wx^2 - xy',
            'w**2*x**2/2 - w*x*y', '2*w*x**2/2 - x*y', C, var='w'),
          [Step('= wx - xy', 'w*x - x*y')], 1),
], 'the square on x is dropped')

derivation('dv-latex-07', r'step written as = \frac{d}{dx}(...)', [
    Chain(d(r'\frac{d}{dx}\ln\left(x^3\right) = \frac{d}{dx}\left(3\ln x\right)', 'log(x**3)', 'diff(3*log(x), x)', C),
          [Step(r'= \frac{3}{x}', '3/x')], None),
])

derivation('dv-latex-08', 'latex quotient, wrong split', [
    Chain(d(r'\frac{d}{dx}\frac{\sin x}{x} = \frac{x\cos x - \sin x}{x^2}', 'sin(x)/x', '(x*cos(x) - sin(x))/x**2', C),
          [Step(r'= \frac{\cos x}{x} - \frac{\sin x}{x}', 'cos(x)/x - sin(x)/x')], 1),
], 'the second term should be sin x / x^2')

derivation('dv-latex-09', r"latex \sigma' chain", [
    Chain(d(r"\frac{d}{dx}\sigma(wx + b) = \sigma'(wx + b)\cdot w", 'sigmoid(w*x + b)', 'dsigmoid(w*x + b)*w', C),
          [Step(r'= w\sigma(wx + b)(1 - \sigma(wx + b))', 'w*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))')], None),
])

derivation('dv-intermediate-01', 'named intermediates, chain of local derivatives', [
    Def('z = w*x + b', 'z', 'w*x + b'),
    Def('a = sigmoid(z)', 'a', 'sigmoid(z)'),
    Def('L = (y - a)^2/2', 'L', '(y - a)**2/2'),
    Chain(Deriv('dL/dw = dL/da * da/dz * dz/dw', 'L', 'w', 'D(L, a)*D(a, z)*D(z, w)', C),
          [Step('  = (a - y) * a(1 - a) * x', '(a - y)*a*(1 - a)*x')], None),
], 'derivatives of bindings inside a step: dL/da = a - y, da/dz = a(1 - a), dz/dw = x')

derivation('dv-intermediate-02', 'named intermediates, chain of local derivatives, sign error', [
    Def('z = w*x + b', 'z', 'w*x + b'),
    Def('a = sigmoid(z)', 'a', 'sigmoid(z)'),
    Def('L = (y - a)^2/2', 'L', '(y - a)**2/2'),
    Chain(Deriv('dL/dw = dL/da * da/dz * dz/dw', 'L', 'w', 'D(L, a)*D(a, z)*D(z, w)', C),
          [Step('  = (y - a) * a(1 - a) * x', '(y - a)*a*(1 - a)*x')], 1),
])

# ---------------------------------------------------------------------------------------------------- numbers

def numbers(id: str, form: str, lines: list, note: str = '', **kw) -> None:
    case(id, 'numbers', form, lines, note, **kw)


NEURON = [Def('z = w*x + b', 'z', 'w*x + b'), Def('a = sigmoid(z)', 'a', 'sigmoid(z)'), Def('L = (y - a)^2/2', 'L', '(y - a)**2/2')]
AT = {'w': '0.3', 'x': '0.5', 'b': '0.1', 'y': '1.5'}

numbers('num-sigmoid-01', 'sigmoid values, plain', [
    Num('sigmoid(0.25) = 0.56', 'sigmoid(0.25)', C),
    Num('sigmoid(0) = 0.5', 'sigmoid(0)', C),
    Num('sigmoid(2) = 0.88', 'sigmoid(2)', C),
    Num('sigmoid(-1) = 0.27', 'sigmoid(-1)', C),
    Num('sigmoid(-1) = 0.73', 'sigmoid(-1)', I),
    Num('sigmoid(0.5) = 0.38', 'sigmoid(0.5)', I),
    Num('sigmoid(1.5) = 0.8176', 'sigmoid(1.5)', C),
    Num('sigmoid(0) = 0', 'sigmoid(0)', I),
], 'sigmoid(-1) = 0.73 is sigmoid(1); sigmoid(0.5) = 0.38 is 1 - sigmoid(0.5); 0 is a whole number, exact')

numbers('num-sigmoid-02', 'sigmoid values, unicode and latex', [
    Num('σ(0.25) = 0.56', 'sigmoid(0.25)', C),
    Num('σ(1.5) = 0.818', 'sigmoid(1.5)', C),
    Num('σ(−1) = 0.269', 'sigmoid(-1)', C),
    Num(r'\sigma(0.25) = 0.562', 'sigmoid(0.25)', C),
    Num(r'\sigma(2) = 0.12', 'sigmoid(2)', I),
    Num(r'\frac{1}{1 + e^{-0.5}} = 0.622', '1/(1 + exp(-0.5))', C),
])

numbers('num-tanh-relu-01', 'tanh and relu values', [
    Num('tanh(0.5) = 0.462', 'tanh(0.5)', C),
    Num('tanh(1) = 0.76', 'tanh(1)', C),
    Num('tanh(-0.3) = -0.291', 'tanh(-0.3)', C),
    Num('tanh(1) = 0.86', 'tanh(1)', I),
    Num('tanh(0.5) = 0.62', 'tanh(0.5)', I),
    Num('relu(-0.4) = 0', 'relu(-0.4)', C),
    Num('relu(-2) = -2', 'relu(-2)', I),
    Num('relu(0.3*2 - 1) = 0', 'relu(0.3*2 - 1)', C),
    Num('relu(1.5*0.4 + 0.2) = 0.8', 'relu(1.5*0.4 + 0.2)', C),
    Num(r'\tanh(0.5) = 0.462', 'tanh(0.5)', C),
], 'tanh(0.5) = 0.62 is sigmoid(0.5); relu(-2) = -2 ignores the clamp')

numbers('num-derivative-01', 'activation derivatives at a point', [
    Num('sigmoid(0.25)*(1 - sigmoid(0.25)) = 0.246', 'sigmoid(0.25)*(1 - sigmoid(0.25))', C),
    Num('1 - tanh(0.5)^2 = 0.786', '1 - tanh(0.5)**2', C),
    Num("sigmoid'(0) = 0.25", 'dsigmoid(0)', C),
    Num("sigmoid'(2) = 0.105", 'dsigmoid(2)', C),
    Num("sigmoid'(2) = 0.88", 'dsigmoid(2)', I),
], "sigmoid'(2) = 0.88 is sigmoid(2)")

numbers('num-neuron-01', 'neuron forward pass and gradient at a point', NEURON + [
    Num('z at w=0.3, x=0.5, b=0.1 = 0.25', 'z', C, point=AT),
    Num('a at w=0.3, x=0.5, b=0.1 = 0.562', 'a', C, point=AT),
    Num('L at w=0.3, x=0.5, b=0.1, y=1.5 = 0.44', 'L', C, point=AT),
    Num('L at w=0.3, x=0.5, b=0.1, y=1.5 = 0.5', 'L', I, point=AT, gray_ok=True),
    Num('dL/dw at w=0.3, x=0.5, b=0.1, y=1.5 = -0.115', 'L', C, point=AT, var='w'),
    Num('dL/db at w=0.3, x=0.5, b=0.1, y=1.5 = -0.231', 'L', C, point=AT, var='b'),
    Num('dL/dw at w=0.3, x=0.5, b=0.1, y=1.5 = -0.231', 'L', I, point=AT, var='w'),
    Num('dL/dx at w=0.3, x=0.5, b=0.1, y=1.5 = -0.069', 'L', C, point=AT, var='x'),
], 'L = 0.439756: 0.5 is a known false accept (no correct rounding gives it); dL/dw = -0.231 forgets the factor x')

numbers('num-neuron-02', 'two inputs, relu', [
    Def('z = w1*x1 + w2*x2 + b', 'z', 'w1*x1 + w2*x2 + b'),
    Def('h = relu(z)', 'h', 'relu(z)'),
    Num('z at w1=0.5, x1=2, w2=-1, x2=0.3, b=0.1 = 0.8', 'z', C, point={'w1': '0.5', 'x1': '2', 'w2': '-1', 'x2': '0.3', 'b': '0.1'}),
    Num('h at w1=-0.5, x1=2, w2=-1, x2=0.3, b=0.1 = 0', 'h', C, point={'w1': '-0.5', 'x1': '2', 'w2': '-1', 'x2': '0.3', 'b': '0.1'}),
    Num('h at w1=-0.5, x1=2, w2=-1, x2=0.3, b=0.1 = -1.2', 'h', I, point={'w1': '-0.5', 'x1': '2', 'w2': '-1', 'x2': '0.3', 'b': '0.1'}),
])

numbers('num-softmax-01', 'softmax probabilities', [
    Num('e^2.1/(e^1.2 + e^(-0.3) + e^0.6 + e^2.1) = 0.59', 'exp(2.1)/(exp(1.2) + exp(-0.3) + exp(0.6) + exp(2.1))', I, gray_ok=True),
    Num('e^2.1/(e^1.2 + e^(-0.3) + e^0.6 + e^2.1) = 0.58', 'exp(2.1)/(exp(1.2) + exp(-0.3) + exp(0.6) + exp(2.1))', C),
    Num('e^1.2/(e^1.2 + e^(-0.3) + e^0.6 + e^2.1) = 0.236', 'exp(1.2)/(exp(1.2) + exp(-0.3) + exp(0.6) + exp(2.1))', C),
    Num('e^(-0.3)/(e^1.2 + e^(-0.3) + e^0.6 + e^2.1) = 0.053', 'exp(-0.3)/(exp(1.2) + exp(-0.3) + exp(0.6) + exp(2.1))', C),
    Num('exp(2)/(exp(2) + exp(1) + exp(0.1)) = 0.659', 'exp(2)/(exp(2) + exp(1) + exp(0.1))', C),
    Num('exp(1)/(exp(2) + exp(1) + exp(0.1)) = 0.242', 'exp(1)/(exp(2) + exp(1) + exp(0.1))', C),
    Num('exp(2)/(exp(2) + exp(1) + exp(0.1)) = 0.645', 'exp(2)/(exp(2) + exp(1) + exp(0.1))', I),
    Num(r'\frac{e^{2}}{e^{2} + e^{1} + e^{0.1}} = 0.659', 'exp(2)/(exp(2) + exp(1) + exp(0.1))', C),
], 'the first is a known false accept (exact 0.5813); 0.645 is 2/(2 + 1 + 0.1), the logits without exponentials')

numbers('num-loss-01', 'cross-entropy', [
    Num('-log(0.659) = 0.417', '-log(0.659)', C),
    Num('-ln(0.242) = 1.419', '-log(0.242)', C),
    Num('-log(0.7) = 0.357', '-log(0.7)', C),
    Num('-(log(0.7) + log(0.6) + log(0.3))/3 = 0.69', '-(log(0.7) + log(0.6) + log(0.3))/3', C),
    Num('-(log(0.7) + log(0.6) + log(0.3))/3 = 0.30', '-(log(0.7) + log(0.6) + log(0.3))/3', I),
    Num('-(1*log(0.8) + 0*log(0.2)) = 0.223', '-(1*log(0.8) + 0*log(0.2))', C),
    Num('-(1*log(0.8) + 0*log(0.2)) = -0.223', '-(1*log(0.8) + 0*log(0.2))', I),
    Num(r'-\ln(0.242) = 1.419', '-log(0.242)', C),
], 'log is natural; 0.30 is what log10 gives; -0.223 drops the minus sign')

numbers('num-loss-02', 'mean squared error', [
    Num('((0.8 - 1)^2 + (0.3 - 0)^2 + (0.1 - 0)^2)/3 = 0.047', '((0.8 - 1)**2 + (0.3 - 0)**2 + (0.1 - 0)**2)/3', C),
    Num('((0.8 - 1)^2 + (0.3 - 0)^2 + (0.1 - 0)^2)/3 = 0.14', '((0.8 - 1)**2 + (0.3 - 0)**2 + (0.1 - 0)**2)/3', I),
    Num('(0.9 - 1)^2/2 = 0.005', '(0.9 - 1)**2/2', C),
    Num('(0.9 - 1)^2/2 = 0.05', '(0.9 - 1)**2/2', I),
], '0.14 forgets to divide by 3; 0.05 is (0.9 - 1)/2 squared wrongly')

numbers('num-gradient-01', 'gradient and update step at a point', [
    Def('f = (w*x - y)^2', 'f', '(w*x - y)**2'),
    Num('df/dw at w=2, x=3, y=10 = -24', 'f', C, point={'w': '2', 'x': '3', 'y': '10'}, var='w'),
    Num('df/dw at w=2, x=3, y=10 = -12', 'f', I, point={'w': '2', 'x': '3', 'y': '10'}, var='w'),
    Num('w - 0.1*df/dw at w=2, x=3, y=10 = 4.4', 'w - 0.1*D(f, w)', C, point={'w': '2', 'x': '3', 'y': '10'}),
    Num('w - 0.1*df/dw at w=2, x=3, y=10 = -0.4', 'w - 0.1*D(f, w)', I, point={'w': '2', 'x': '3', 'y': '10'}),
], '-12 forgets the 2 of the square; -0.4 steps up the gradient')

numbers('num-tanh-neuron-01', 'tanh neuron by hand', [
    Num('tanh(0.8*0.5 - 0.2) = 0.197', 'tanh(0.8*0.5 - 0.2)', C),
    Num('1 - tanh(0.8*0.5 - 0.2)^2 = 0.961', '1 - tanh(0.8*0.5 - 0.2)**2', C),
    Num('(1 - tanh(0.8*0.5 - 0.2)^2)*0.5 = 0.48', '(1 - tanh(0.8*0.5 - 0.2)**2)*0.5', C),
    Num('(1 - tanh(0.8*0.5 - 0.2))*0.5 = 0.48', '(1 - tanh(0.8*0.5 - 0.2))*0.5', I),
], 'the last forgets to square tanh')

numbers('num-mistakes-01', 'classic slips with numbers', [
    Num('e^0.5/(e^0.5 + e^1.5) = 0.73', 'exp(0.5)/(exp(0.5) + exp(1.5))', I),
    Num('e^0.5/(e^0.5 + e^1.5) = 0.27', 'exp(0.5)/(exp(0.5) + exp(1.5))', C),
    Num('-log(0.2) = 0.7', '-log(0.2)', I),
    Num('sigmoid(-0.5) = 0.62', 'sigmoid(-0.5)', I),
    Num('(0.2 - 1)^2/2 = 0.64', '(0.2 - 1)**2/2', I),
    Num('(0.2 - 1)^2/2 = 0.32', '(0.2 - 1)**2/2', C),
    Num('2*relu(-0.5) + 1 = 0', '2*relu(-0.5) + 1', I),
], '0.73 is the other class; 0.7 is -log10(0.2); 0.62 is sigmoid(0.5); 0.64 forgets the /2; relu(-0.5) is 0, not -0.5')

# ---------------------------------------------------------------------------------------------------- matrix

def matrix(id: str, form: str, dims: dict, header: list[str], loss, claims: list, note: str = '', distributions: list[str] | None = None) -> None:
    case(id, 'matrix', form, [Text(line) for line in header] + claims, note, dims=dims, loss=loss, distributions=distributions or [])


def _norm2(A):
    return sum((entry ** 2 for entry in A), sp.Integer(0))


def _m1(e):
    e.r = e.W * e.x - e.y
    return _norm2(e.r)


matrix('mx-norm2-01', "norm2 of a residual, ' and ^T", {'W': (4, 3), 'x': (3, 1), 'y': (4, 1)},
       ['W: 4x3; x: 3; y: 4', 'L = norm2(W x - y)'], _m1, [
    Mat("dL/dW = 2 (W x - y) x'", 'W', lambda e: 2 * (e.W * e.x - e.y) * e.x.T, C),
    Mat("dL/dW = 2 x (W x - y)'", 'W', lambda e: 2 * e.x * (e.W * e.x - e.y).T, I),
    Mat("dL/dW = (W x - y) x'", 'W', lambda e: (e.W * e.x - e.y) * e.x.T, I),
    Mat('dL/dW = 2 (W x - y) x^T', 'W', lambda e: 2 * (e.W * e.x - e.y) * e.x.T, C),
    Mat("dL/dx = 2 W' (W x - y)", 'x', lambda e: 2 * e.W.T * (e.W * e.x - e.y), C),
    Mat('dL/dx = 2 W (W x - y)', 'x', lambda e: 2 * e.W * (e.W * e.x - e.y), I),
    Mat('dL/dy = -2 (W x - y)', 'y', lambda e: -2 * (e.W * e.x - e.y), C),
], "2 x (W x - y)' is the transpose (3x4); 2 W (W x - y) multiplies 4x3 by 4x1, which is undefined")


def _m2(e):
    return _norm2(e.W * e.X + bcast(e.b, 5) - e.Y) / 5


_R2 = lambda e: e.W * e.X + bcast(e.b, 5) - e.Y  # noqa: E731  (W X + b - Y, the bias over the batch)

matrix('mx-batch-01', 'a batch of 5 columns, bias over the batch', {'W': (4, 3), 'X': (3, 5), 'b': (4, 1), 'Y': (4, 5)},
       ['W: 4x3; X: 3x5; b: 4; Y: 4x5', 'L = norm2(W X + b - Y)/5'], _m2, [
    Mat("dL/dW = 2/5 (W X + b - Y) X'", 'W', lambda e: sp.Rational(2, 5) * _R2(e) * e.X.T, C),
    Mat("dL/dW = 2/5 X' (W X + b - Y)", 'W', lambda e: sp.Rational(2, 5) * e.X.T * _R2(e), I),
    Mat("dL/dW = 2 (W X + b - Y) X'", 'W', lambda e: 2 * _R2(e) * e.X.T, I),
    Mat("dL/dW = 2/5 X (W X + b - Y)'", 'W', lambda e: sp.Rational(2, 5) * e.X * _R2(e).T, I),
    Mat("dL/dX = 2/5 W' (W X + b - Y)", 'X', lambda e: sp.Rational(2, 5) * e.W.T * _R2(e), C),
    Mat("dL/dX = 2/5 W (W X + b - Y)", 'X', lambda e: sp.Rational(2, 5) * e.W * _R2(e), I),
], "X' (W X + b - Y) multiplies 5x3 by 4x5: undefined, so incorrect; X (W X + b - Y)' is the transpose of the right answer")


def _m3(e):
    e.r = e.W * e.x - e.y
    return total(had(e.r, e.r)) / 2


matrix('mx-mean-01', 'mean of squares, a tensor binding in the answer', {'W': (2, 3), 'x': (3, 1), 'y': (2, 1)},
       ['W: 2x3; x: 3; y: 2', 'r = W x - y', 'L = mean(r .* r)'], _m3, [
    Mat("dL/dW = r x'", 'W', lambda e: e.r * e.x.T, C),
    Mat("dL/dW = 2 r x'", 'W', lambda e: 2 * e.r * e.x.T, I),
    Mat("dL/dx = W' r", 'x', lambda e: e.W.T * e.r, C),
    Mat("dL/dx = 2/2 W' r", 'x', lambda e: sp.Rational(2, 2) * e.W.T * e.r, C),
], 'the mean over 2 entries halves the 2 of the square')


def _m4(e):
    return total(ew(lambda t: t ** 2, e.W * e.x - e.y))


matrix('mx-power-01', 'elementwise power .^2, a square W', {'W': (3, 3), 'x': (3, 1), 'y': (3, 1)},
       ['W: 3x3; x: 3; y: 3', 'L = sum((W x - y).^2)'], _m4, [
    Mat("dL/dW = 2 (W x - y) x'", 'W', lambda e: 2 * (e.W * e.x - e.y) * e.x.T, C),
    Mat("dL/dW = 2 x (W x - y)'", 'W', lambda e: 2 * e.x * (e.W * e.x - e.y).T, I),
    Mat("dL/dx = 2 W' (W x - y)", 'x', lambda e: 2 * e.W.T * (e.W * e.x - e.y), C),
    Mat('dL/dx = 2 W (W x - y)', 'x', lambda e: 2 * e.W * (e.W * e.x - e.y), I),
], 'W is square, so the transposed answers have the right shape and are wrong by value')


def _m5(e):
    e.a = ew(_sigmoid, e.W * e.x + e.b)
    return _norm2(e.a - e.y)


def _delta5(e):
    return had(had(2 * (e.a - e.y), e.a), sp.ones(2, 1) - e.a)


matrix('mx-sigmoid-01', 'sigmoid layer, .* elementwise', {'W': (2, 3), 'x': (3, 1), 'b': (2, 1), 'y': (2, 1)},
       ['W: 2x3; x: 3; b: 2; y: 2', 'a = sigmoid(W x + b)', 'L = norm2(a - y)'], _m5, [
    Mat("dL/dW = (2 (a - y) .* a .* (1 - a)) x'", 'W', lambda e: _delta5(e) * e.x.T, C),
    Mat("dL/dW = 2 (a - y) x'", 'W', lambda e: 2 * (e.a - e.y) * e.x.T, I),
    Mat('dL/db = 2 (a - y) .* a .* (1 - a)', 'b', _delta5, C),
    Mat("dL/dx = W' (2 (a - y) .* a .* (1 - a))", 'x', lambda e: e.W.T * _delta5(e), C),
    Mat('dL/dx = W (2 (a - y) .* a .* (1 - a))', 'x', lambda e: e.W * _delta5(e), I),
    Mat("dL/dW = 2 ((a - y) .* sigmoid(W x + b) .* (1 - sigmoid(W x + b))) x^T", 'W',
        lambda e: 2 * had(had(e.a - e.y, ew(_sigmoid, e.W * e.x + e.b)), sp.ones(2, 1) - ew(_sigmoid, e.W * e.x + e.b)) * e.x.T, C),
], "2 (a - y) x' misses sigma'; W (…) multiplies 2x3 by 2x1, undefined")


def _m6(e):
    e.h = ew(_relu, e.W * e.x)
    return scalar(e.v.T * e.h)


matrix('mx-relu-01', 'relu layer, dot', {'W': (3, 2), 'x': (2, 1), 'v': (3, 1)},
       ['W: 3x2; x: 2; v: 3', 'h = relu(W x)', 'L = dot(v, h)'], _m6, [
    Mat("dL/dW = (v .* step(W x)) x'", 'W', lambda e: had(e.v, ew(_step, e.W * e.x)) * e.x.T, C),
    Mat("dL/dW = v x'", 'W', lambda e: e.v * e.x.T, I),
    Mat('dL/dv = h', 'v', lambda e: e.h, C),
    Mat("dL/dx = W' (v .* step(W x))", 'x', lambda e: e.W.T * had(e.v, ew(_step, e.W * e.x)), C),
    Mat("dL/dx = W' v", 'x', lambda e: e.W.T * e.v, I),
], "v x' ignores relu' (wrong wherever an entry of W x is negative)")


def _m7(e):
    e.p = softmax(e.W * e.x + e.b)
    return -sum((e.y[i] * sp.log(e.p[i]) for i in range(3)), sp.Integer(0))


matrix('mx-softmax-01', 'softmax + cross_entropy', {'W': (3, 4), 'x': (4, 1), 'b': (3, 1), 'y': (3, 1)},
       ['W: 3x4; x: 4; b: 3; y: 3', 'p = softmax(W x + b)', 'L = cross_entropy(p, y)'], _m7, [
    Mat('dL/db = sum(y) p - y', 'b', lambda e: total(e.y) * e.p - e.y, C),
    Mat("dL/dW = (sum(y) p - y) x'", 'W', lambda e: (total(e.y) * e.p - e.y) * e.x.T, C),
    Mat("dL/dW = x (sum(y) p - y)'", 'W', lambda e: e.x * (total(e.y) * e.p - e.y).T, I),
    Mat("dL/dW = (p - y) x'", 'W', lambda e: (e.p - e.y) * e.x.T, C),
    Mat("dL/dW = (p + y) x'", 'W', lambda e: (e.p + e.y) * e.x.T, I),
    Mat("dL/dx = W' (sum(y) p - y)", 'x', lambda e: e.W.T * (total(e.y) * e.p - e.y), C),
    Mat("dL/dx = W' (p - y)", 'x', lambda e: e.W.T * (e.p - e.y), C),
], "y holds the targets of cross_entropy, a distribution (one-hot for classes): its entries sum to 1, so dL/dz = "
   "p sum(y) - y = p - y, the lecture's answer; the labels put y_3 = 1 - y_1 - y_2", distributions=['y'])


def _m8(e):
    e.p = _sigmoid(scalar(e.w.T * e.x) + sym('b'))
    y = sym('y')
    return -(y * sp.log(e.p) + (1 - y) * sp.log(1 - e.p))


matrix('mx-logistic-01', 'logistic regression, scalar output', {'w': (3, 1), 'x': (3, 1)},
       ['w: 3; x: 3', "p = sigmoid(w' x + b)", 'L = -(y log(p) + (1 - y) log(1 - p))'], _m8, [
    Mat('dL/dw = (p - y) x', 'w', lambda e: (e.p - sym('y')) * e.x, C),
    Mat('dL/dw = (y - p) x', 'w', lambda e: (sym('y') - e.p) * e.x, I),
    Mat('dL/dx = (p - y) w', 'x', lambda e: (e.p - sym('y')) * e.w, C),
    Mat("dL/dw = (p - y) x'", 'w', lambda e: (e.p - sym('y')) * e.x.T, I),
], "b and y are scalars (not declared); (p - y) x' is a row where w is a column")


def _m9(e):
    e.h = ew(_sigmoid, e.W1 * e.x)
    e.yhat = e.W2 * e.h
    return _norm2(e.yhat - e.y)


def _delta9(e):
    return had(had(e.W2.T * 2 * (e.yhat - e.y), e.h), sp.ones(3, 1) - e.h)


matrix('mx-twolayer-01', 'two layers, 1x1 output', {'W1': (3, 2), 'W2': (1, 3), 'x': (2, 1), 'y': (1, 1)},
       ['W1: 3x2; W2: 1x3; x: 2; y: 1', 'h = sigmoid(W1 x)', 'yhat = W2 h', 'L = norm2(yhat - y)'], _m9, [
    Mat("dL/dW2 = 2 (yhat - y) h'", 'W2', lambda e: 2 * scalar(e.yhat - e.y) * e.h.T, C),
    Mat('dL/dW2 = 2 (yhat - y) h', 'W2', lambda e: 2 * scalar(e.yhat - e.y) * e.h, I),
    Mat("dL/dW1 = ((W2' 2 (yhat - y)) .* h .* (1 - h)) x'", 'W1', lambda e: _delta9(e) * e.x.T, C),
    Mat("dL/dW1 = (W2' 2 (yhat - y)) x'", 'W1', lambda e: (e.W2.T * 2 * (e.yhat - e.y)) * e.x.T, I),
    Mat("dL/dx = W1' ((W2' 2 (yhat - y)) .* h .* (1 - h))", 'x', lambda e: e.W1.T * _delta9(e), C),
], "yhat - y is 1x1, a scalar; 2 (yhat - y) h is a column where W2 is a row")


def _m10(e):
    return _norm2(e.W * e.x - e.y) + sp.Rational(1, 10) * _norm2(e.W)


matrix('mx-decay-01', 'weight decay', {'W': (3, 3), 'x': (3, 1), 'y': (3, 1)},
       ['W: 3x3; x: 3; y: 3', 'L = norm2(W x - y) + 0.1 norm2(W)'], _m10, [
    Mat("dL/dW = 2 (W x - y) x' + 0.2 W", 'W', lambda e: 2 * (e.W * e.x - e.y) * e.x.T + sp.Rational(1, 5) * e.W, C),
    Mat("dL/dW = 2 (W x - y) x' + 0.1 W", 'W', lambda e: 2 * (e.W * e.x - e.y) * e.x.T + sp.Rational(1, 10) * e.W, I),
    Mat("dL/dW = 2 (W x - y) x' + 0.2 W'", 'W', lambda e: 2 * (e.W * e.x - e.y) * e.x.T + sp.Rational(1, 5) * e.W.T, I),
])


def _m11(e):
    return scalar(e.u.T * e.W * e.x)


matrix('mx-bilinear-01', 'bilinear form', {'W': (2, 3), 'x': (3, 1), 'u': (2, 1)},
       ['W: 2x3; x: 3; u: 2', "L = u' W x"], _m11, [
    Mat("dL/dW = u x'", 'W', lambda e: e.u * e.x.T, C),
    Mat("dL/dW = x u'", 'W', lambda e: e.x * e.u.T, I),
    Mat("dL/dx = W' u", 'x', lambda e: e.W.T * e.u, C),
    Mat('dL/du = W x', 'u', lambda e: e.W * e.x, C),
    Mat("dL/du = x' W'", 'u', lambda e: e.x.T * e.W.T, I),
], "x' W' is the row (W x)': the transpose of the gradient")

# ---------------------------------------------------------------------------------------------------- intermediate

def intermediate(id: str, form: str, lines: list, note: str = '', **kw) -> None:
    case(id, 'intermediate', form, lines, note, **kw)


def dd(text: str, out: str, var: str, rhs: str, label: str) -> Deriv:
    """d`out`/d`var` = rhs, by a bound output (and maybe a bound var: the adjoint)."""
    return Deriv(text, out, var, rhs, label)


intermediate('im-neuron-01', 'named intermediate, bound names (the issue)', NEURON + [
    dd('dL/da = a - y', 'L', 'a', 'a - y', C),
    dd('dL/dz = (a - y)*a*(1 - a)', 'L', 'z', '(a - y)*a*(1 - a)', C),
    dd('dL/dw = (a - y) a (1 - a) x', 'L', 'w', '(a - y)*a*(1 - a)*x', C),
    dd('dL/db = (a - y) a (1 - a)', 'L', 'b', '(a - y)*a*(1 - a)', C),
    dd('dL/dx = (a - y) a (1 - a) w', 'L', 'x', '(a - y)*a*(1 - a)*w', C),
    dd('dL/dy = y - a', 'L', 'y', 'y - a', C),
], 'the lecture example: dL/da and dL/dz are the backward pass\'s upstream gradients')

intermediate('im-neuron-02', 'named intermediate, mixed, leaves and mistakes', NEURON + [
    dd('dL/da = y - a', 'L', 'a', 'y - a', I),
    dd('dL/dz = a - y', 'L', 'z', 'a - y', I),
    dd('dL/dw = (a - y) x', 'L', 'w', '(a - y)*x', I),
    dd('dL/dz = (a - y) sigmoid(z)(1 - sigmoid(z))', 'L', 'z', '(a - y)*sigmoid(z)*(1 - sigmoid(z))', C),
    dd('dL/dw = (sigmoid(w*x + b) - y) sigmoid(w*x + b) (1 - sigmoid(w*x + b)) x', 'L', 'w',
       '(sigmoid(w*x + b) - y)*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))*x', C),
    dd('dL/dz = (a - y) a (1 - a) x', 'L', 'z', '(a - y)*a*(1 - a)*x', I),
    dd('dL/dw = dL/dz * x', 'L', 'w', 'D(L, z)*x', C),
], 'sign error; a missing sigma\' factor; an extra x; dL/dz given for dL/da')

intermediate('im-neuron-03', 'latex frac partial, plain bindings', NEURON + [
    dd(r'\frac{\partial L}{\partial a} = a - y', 'L', 'a', 'a - y', C),
    dd(r"\frac{\partial L}{\partial z} = (a - y)\sigma'(z)", 'L', 'z', '(a - y)*dsigmoid(z)', C),
    dd(r'\frac{\partial L}{\partial z} = (a - y)\sigma(z)(1 - \sigma(z))', 'L', 'z', '(a - y)*sigmoid(z)*(1 - sigmoid(z))', C),
    dd(r'\frac{\partial L}{\partial w} = (a - y)a(1 - a)x', 'L', 'w', '(a - y)*a*(1 - a)*x', C),
    dd(r'\frac{\partial L}{\partial b} = (y - a)a(1 - a)', 'L', 'b', '(y - a)*a*(1 - a)', I),
    dd(r'\frac{\partial L}{\partial z} = \sigma(z)(1 - \sigma(z))', 'L', 'z', 'sigmoid(z)*(1 - sigmoid(z))', I),
], 'in LaTeX a(1 - a)x is a*(1 - a)*x')

intermediate('im-neuron-04', 'latex bindings and claims', [
    Def('z = wx + b', 'z', 'w*x + b'),
    Def(r'a = \sigma(z)', 'a', 'sigmoid(z)'),
    Def(r'L = \frac{1}{2}(y - a)^2', 'L', '(y - a)**2/2'),
    dd(r'\frac{\partial L}{\partial z} = (a - y)a(1 - a)', 'L', 'z', '(a - y)*a*(1 - a)', C),
    dd(r'\frac{\partial L}{\partial w} = (a - y)\sigma(z)(1 - \sigma(z))x', 'L', 'w', '(a - y)*sigmoid(z)*(1 - sigmoid(z))*x', C),
    dd(r'\frac{\partial L}{\partial w} = (a - y)x', 'L', 'w', '(a - y)*x', I),
], 'bindings typed in LaTeX as well; z = wx + b with the names run together')

intermediate('im-cs231n-01', 'named intermediate, q = x + y; f = q*z', [
    Def('q = x + y', 'q', 'x + y'),
    Def('f = q*z', 'f', 'q*z'),
    dd('df/dq = z', 'f', 'q', 'z', C),
    dd('df/dz = q', 'f', 'z', 'q', C),
    dd('df/dx = z', 'f', 'x', 'z', C),
    dd('df/dy = q', 'f', 'y', 'q', I),
    dd('df/dz = x + y', 'f', 'z', 'x + y', C),
], 'df/dy = q confuses the add gate with the multiply gate')

intermediate('im-square-01', 'named intermediate, q = x + y; f = q^2 (the issue)', [
    Def('q = x + y', 'q', 'x + y'),
    Def('f = q^2', 'f', 'q**2'),
    dd('df/dq = 2q', 'f', 'q', '2*q', C),
    dd('df/dx = 2q', 'f', 'x', '2*q', C),
    dd('df/dy = 2(x + y)', 'f', 'y', '2*(x + y)', C),
    dd('df/dq = 2', 'f', 'q', '2', I),
    dd('df/dx = 2x', 'f', 'x', '2*x', I),
])

intermediate('im-twolayer-01', 'two-layer network, relu, bound names', [
    Def('h = relu(w1*x + b1)', 'h', 'relu(w1*x + b1)'),
    Def('yhat = w2*h + b2', 'yhat', 'w2*h + b2'),
    Def('L = (yhat - y)^2', 'L', '(yhat - y)**2'),
    dd('dL/dyhat = 2*(yhat - y)', 'L', 'yhat', '2*(yhat - y)', C),
    dd('dL/dh = 2*(yhat - y)*w2', 'L', 'h', '2*(yhat - y)*w2', C),
    dd('dL/dw2 = 2*(yhat - y)*h', 'L', 'w2', '2*(yhat - y)*h', C),
    dd('dL/dw1 = 2*(yhat - y)*w2*step(w1*x + b1)*x', 'L', 'w1', '2*(yhat - y)*w2*step(w1*x + b1)*x', C),
    dd('dL/db1 = 2(yhat - y) w2 step(w1 x + b1)', 'L', 'b1', '2*(yhat - y)*w2*step(w1*x + b1)', C),
    dd('dL/dh = 2*(yhat - y)', 'L', 'h', '2*(yhat - y)', I),
    dd('dL/dw1 = 2*(yhat - y)*w2*x', 'L', 'w1', '2*(yhat - y)*w2*x', I),
], "dL/dh misses w2; dL/dw1 = 2(yhat - y) w2 x ignores relu' (wrong where w1 x + b1 < 0)")

intermediate('im-twolayer-02', 'two-layer network, sigmoid, mixed', [
    Def('h = sigmoid(w1*x + b1)', 'h', 'sigmoid(w1*x + b1)'),
    Def('yhat = w2*h + b2', 'yhat', 'w2*h + b2'),
    Def('L = (yhat - y)^2/2', 'L', '(yhat - y)**2/2'),
    dd('dL/dyhat = yhat - y', 'L', 'yhat', 'yhat - y', C),
    dd('dL/dh = (yhat - y) w2', 'L', 'h', '(yhat - y)*w2', C),
    dd('dL/dw1 = (yhat - y) w2 h (1 - h) x', 'L', 'w1', '(yhat - y)*w2*h*(1 - h)*x', C),
    dd('dL/dw1 = (yhat - y) w2 h (1 - h)', 'L', 'w1', '(yhat - y)*w2*h*(1 - h)', I),
    dd('dL/db1 = (yhat - y) * w2 * sigmoid(w1*x + b1) * (1 - sigmoid(w1*x + b1))', 'L', 'b1',
       '(yhat - y)*w2*sigmoid(w1*x + b1)*(1 - sigmoid(w1*x + b1))', C),
    dd('dL/dw2 = (yhat - y) w2', 'L', 'w2', '(yhat - y)*w2', I),
    dd('dL/dh = dL/dyhat * w2', 'L', 'h', 'D(L, yhat)*w2', C),
])

intermediate('im-twopaths-01', 'a node feeding two gates', [
    Def('u = w*x', 'u', 'w*x'),
    Def('f = sin(u) + u^2', 'f', 'sin(u) + u**2'),
    dd('df/du = cos(u) + 2u', 'f', 'u', 'cos(u) + 2*u', C),
    dd('df/du = cos(u)', 'f', 'u', 'cos(u)', I),
    dd('df/dw = (cos(u) + 2u) x', 'f', 'w', '(cos(u) + 2*u)*x', C),
    dd('df/dx = cos(u) w', 'f', 'x', 'cos(u)*w', I),
], 'u feeds sin and the square: both paths add')

intermediate('im-twopaths-02', 'a leaf feeding two gates', [
    Def('a = x + y', 'a', 'x + y'),
    Def('b = x*y', 'b', 'x*y'),
    Def('f = a*b', 'f', 'a*b'),
    dd('df/da = b', 'f', 'a', 'b', C),
    dd('df/dx = b + a*y', 'f', 'x', 'b + a*y', C),
    dd('df/dx = a*y', 'f', 'x', 'a*y', I),
    dd('df/dy = b + a x', 'f', 'y', 'b + a*x', C),
], 'x reaches f through a and through b')

intermediate('im-twopaths-03', 'a skip connection', [
    Def('h = relu(w*x)', 'h', 'relu(w*x)'),
    Def('o = h + x', 'o', 'h + x'),
    Def('L = o^2', 'L', 'o**2'),
    dd('dL/do = 2o', 'L', 'o', '2*o', C),
    dd('dL/dh = 2o', 'L', 'h', '2*o', C),
    dd('dL/dx = 2o (w step(w x) + 1)', 'L', 'x', '2*o*(w*step(w*x) + 1)', C),
    dd('dL/dx = 2o', 'L', 'x', '2*o', I),
    dd('dL/dx = 2o w step(w x)', 'L', 'x', '2*o*w*step(w*x)', I),
], 'the skip path and the relu path both reach o')

intermediate('im-tanh-01', 'tanh unit', [
    Def('h = tanh(w*x)', 'h', 'tanh(w*x)'),
    Def('L = (h - y)^2', 'L', '(h - y)**2'),
    dd('dL/dh = 2(h - y)', 'L', 'h', '2*(h - y)', C),
    dd('dL/dw = 2(h - y)(1 - h^2) x', 'L', 'w', '2*(h - y)*(1 - h**2)*x', C),
    dd('dL/dw = 2(h - y)(1 - h^2)', 'L', 'w', '2*(h - y)*(1 - h**2)', I),
    dd('dL/dx = 2(h - y)(1 - tanh(w*x)^2) w', 'L', 'x', '2*(h - y)*(1 - tanh(w*x)**2)*w', C),
])

intermediate('im-logistic-01', 'logistic regression, cross-entropy', [
    Def('z = w*x + b', 'z', 'w*x + b'),
    Def('p = sigmoid(z)', 'p', 'sigmoid(z)'),
    Def('L = -(y*log(p) + (1 - y)*log(1 - p))', 'L', '-(y*log(p) + (1 - y)*log(1 - p))'),
    dd('dL/dp = -y/p + (1 - y)/(1 - p)', 'L', 'p', '-y/p + (1 - y)/(1 - p)', C),
    dd('dL/dz = p - y', 'L', 'z', 'p - y', C),
    dd('dL/dw = (p - y) x', 'L', 'w', '(p - y)*x', C),
    dd('dL/dz = y - p', 'L', 'z', 'y - p', I),
    dd('dL/dp = -y/p - (1 - y)/(1 - p)', 'L', 'p', '-y/p - (1 - y)/(1 - p)', I),
])

intermediate('im-logistic-02', 'logistic regression, unicode', [
    Def('z = w·x + b', 'z', 'w*x + b'),
    Def('a = σ(z)', 'a', 'sigmoid(z)'),
    Def('L = −(y·ln a + (1 − y)·ln(1 − a))', 'L', '-(y*log(a) + (1 - y)*log(1 - a))'),
    dd('dL/da = −y/a + (1 − y)/(1 − a)', 'L', 'a', '-y/a + (1 - y)/(1 - a)', C),
    dd('dL/dz = a − y', 'L', 'z', 'a - y', C),
    dd('dL/dw = (a − y)·x', 'L', 'w', '(a - y)*x', C),
    dd('dL/dw = (a − y)·w', 'L', 'w', '(a - y)*w', I),
])

intermediate('im-cs231n-02', 'sigmoid neuron, cs231n style', [
    Def('s = w0*x0 + w1*x1 + w2', 's', 'w0*x0 + w1*x1 + w2'),
    Def('f = 1/(1 + exp(-s))', 'f', '1/(1 + exp(-s))'),
    dd('df/ds = f*(1 - f)', 'f', 's', 'f*(1 - f)', C),
    dd('df/dw0 = f*(1 - f)*x0', 'f', 'w0', 'f*(1 - f)*x0', C),
    dd('df/dx1 = (1 - f)*f*w1', 'f', 'x1', '(1 - f)*f*w1', C),
    dd('df/dw1 = (1 - f)*x1', 'f', 'w1', '(1 - f)*x1', I),
    dd('df/ds = exp(-s)/(1 + exp(-s))^2', 'f', 's', 'exp(-s)/(1 + exp(-s))**2', C),
])

intermediate('im-names-01', 'names run together in the binding (the issue)', [
    Def('z = wx + b', 'z', 'w*x + b'),
    Def('L = z^2', 'L', 'z**2'),
    dd('dL/dw = 2 z x', 'L', 'w', '2*z*x', C),
    dd('dL/dz = 2z', 'L', 'z', '2*z', C),
    dd('dL/dw = 2 z', 'L', 'w', '2*z', I),
    dd('dL/dx = 2zw', 'L', 'x', '2*z*w', C),
], 'wx in the binding and zw in an answer are products of bound and leaf names')

intermediate('im-softmax-01', 'two-class softmax by hand', [
    Def('e1 = exp(z1)', 'e1', 'exp(z1)'),
    Def('e2 = exp(z2)', 'e2', 'exp(z2)'),
    Def('p1 = e1/(e1 + e2)', 'p1', 'e1/(e1 + e2)'),
    Def('L = -log(p1)', 'L', '-log(p1)'),
    dd('dL/dp1 = -1/p1', 'L', 'p1', '-1/p1', C),
    dd('dL/de1 = 1/(e1 + e2) - 1/e1', 'L', 'e1', '1/(e1 + e2) - 1/e1', C),
    dd('dL/dz1 = p1 - 1', 'L', 'z1', 'p1 - 1', C),
    dd('dL/dz2 = 1 - p1', 'L', 'z2', '1 - p1', C),
    dd('dL/dz1 = 1 - p1', 'L', 'z1', '1 - p1', I),
    dd('dL/de1 = -1/e1', 'L', 'e1', '-1/e1', I),
], 'e1 reaches p1 twice (numerator and denominator); -1/e1 misses the denominator path')

intermediate('im-points-01', 'named intermediate at a point', NEURON + [
    Num('dL/da at w=0.3, x=0.5, b=0.1, y=1.5 = -0.94', 'L', C, point=AT, var='a'),
    Num('dL/dz at w=0.3, x=0.5, b=0.1, y=1.5 = -0.23', 'L', C, point=AT, var='z'),
    Num('dL/dz at w=0.3, x=0.5, b=0.1, y=1.5 = -0.94', 'L', I, point=AT, var='z'),
    Num('dL/da at w=0.3, x=0.5, b=0.1, y=1.5 = 0.94', 'L', I, point=AT, var='a'),
    Num('dL/dz at w=0.3, x=0.5, b=0.1, y=1.5 = -0.2308', 'L', C, point=AT, var='z'),
], 'dL/dz = -0.94 forgets sigma\'(z); 0.94 has the sign of y - a')

_AT2 = {'w1': '0.5', 'x': '2', 'b1': '-0.2', 'w2': '1.5', 'b2': '0.1', 'y': '1'}
intermediate('im-points-02', 'two-layer network at a point', [
    Def('h = relu(w1*x + b1)', 'h', 'relu(w1*x + b1)'),
    Def('yhat = w2*h + b2', 'yhat', 'w2*h + b2'),
    Def('L = (yhat - y)^2', 'L', '(yhat - y)**2'),
    Num('L at w1=0.5, x=2, b1=-0.2, w2=1.5, b2=0.1, y=1 = 0.09', 'L', C, point=_AT2),
    Num('dL/dyhat at w1=0.5, x=2, b1=-0.2, w2=1.5, b2=0.1, y=1 = 0.6', 'L', C, point=_AT2, var='yhat'),
    Num('dL/dh at w1=0.5, x=2, b1=-0.2, w2=1.5, b2=0.1, y=1 = 0.9', 'L', C, point=_AT2, var='h'),
    Num('dL/dw1 at w1=0.5, x=2, b1=-0.2, w2=1.5, b2=0.1, y=1 = 1.8', 'L', C, point=_AT2, var='w1'),
    Num('dL/dw2 at w1=0.5, x=2, b1=-0.2, w2=1.5, b2=0.1, y=1 = 0.48', 'L', C, point=_AT2, var='w2'),
    Num('dL/dw1 at w1=0.5, x=2, b1=-0.2, w2=1.5, b2=0.1, y=1 = 0.9', 'L', I, point=_AT2, var='w1'),
    Num('dL/dh at w1=0.5, x=2, b1=-0.2, w2=1.5, b2=0.1, y=1 = 0.6', 'L', I, point=_AT2, var='h'),
], 'h = 0.8, yhat = 1.3; dL/dw1 = 0.9 forgets x, dL/dh = 0.6 forgets w2')



def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--check', action='store_true', help='re-verify every label against cases.jsonl; exit 1 on a mismatch')
    parser.add_argument('--only', help='label only the cases whose id contains this, verbosely')
    args = parser.parse_args()
    ids = [c.id for c in CASES]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise SystemExit(f'duplicate ids: {sorted(duplicates)}')
    chosen = [c for c in CASES if args.only is None or args.only in c.id]
    rows = [label_case(c, verbose=args.only is not None) for c in chosen]
    counts: dict[str, list[int]] = {}
    for row in rows:
        entry = counts.setdefault(row['category'], [0, 0, 0, 0])
        entry[0] += 1
        entry[1] += len(row['expect'])
        entry[2] += sum(1 for e in row['expect'] if e['verdict'] == C)
        entry[3] += sum(1 for e in row['expect'] if e['verdict'] == I)
    for category, (ncases, nlines, ncorrect, nincorrect) in counts.items():
        print(f'{category:13} {ncases:3} cases, {nlines:3} claim lines ({ncorrect} correct, {nincorrect} incorrect)')
    print(f'{"total":13} {len(rows):3} cases, {sum(v[1] for v in counts.values()):3} claim lines')
    if args.only is not None:
        return 0
    text = ''.join(json.dumps(row, ensure_ascii=False) + '\n' for row in rows)
    if args.check:
        if not OUT.exists():
            print(f'{OUT} is missing', file=sys.stderr)
            return 1
        stored = [json.loads(line) for line in OUT.read_text(encoding='utf8').splitlines() if line.strip()]
        by_id = {row['id']: row for row in stored}
        problems = []
        for row in rows:
            old = by_id.pop(row['id'], None)
            if old is None:
                problems.append(f'{row["id"]}: not in the file')
            elif old != row:
                for key in row:
                    if old.get(key) != row[key]:
                        problems.append(f'{row["id"]}: {key} differs: file {old.get(key)!r}, computed {row[key]!r}')
        problems.extend(f'{i}: in the file but not a case here' for i in by_id)
        if problems:
            print('\n'.join(problems), file=sys.stderr)
            return 1
        print(f'every label of {OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT} re-verified')
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding='utf8')
    print(f'wrote {OUT}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
