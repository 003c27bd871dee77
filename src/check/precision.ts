/**
 * Judging a number a student wrote. An answer is correct when rounding explains it: the exact value, or the value
 * computed with every intermediate result rounded (to the answer's number of decimals or significant digits, give or
 * take one), rounds to the answer as written. Numbers given in the question are never rounded: when rounding one of
 * them explains the answer, it was rounded too early, and the answer is incorrect with that reason.
 */
import type Fraction from 'fraction.js';
import type { Graph, NodeId } from '../graph/graph.js';
import { formatNumber, Tape, type Point } from '../numeric/tape.js';
import { decimalClass, preciseValues } from '../numeric/precise.js';
import { printText } from '../symbolic/print.js';
import type { Simplifier } from '../symbolic/simplify.js';
import type { Expr } from '../syntax/tree.js';

/** A number as written: its value and how precisely it was written. */
export interface WrittenNumber {
  readonly value: number;
  /** Digits after the decimal point (negative for 1200 written as 12e2). */
  readonly decimals: number;
  readonly significant: number;
  /** Half a unit in the last written place: the most that rounding the exact value can move it. */
  readonly halfUnit: number;
  /** As written (0.020 keeps its last zero). */
  readonly text?: string;
}

/** The verdict on a written number. */
export interface NumberVerdict {
  readonly correct: boolean;
  readonly exact: number;
  /** How rounding explains the answer, or why it does not. */
  readonly explanation: string;
}

/** Explicit tolerances that replace the precision rule (|answer − exact| ≤ atol + rtol·|exact|). */
export interface Tolerance {
  readonly rtol?: number;
  readonly atol?: number;
}

/** How precisely a number is written, if the expression is a written number (`0.56`, `-3.5`, `2e-11`, `2*10^-11`). */
export function writtenNumber(expr: Expr): WrittenNumber | undefined {
  if (expr.kind === 'unary' && expr.op === '-') {
    const inner = writtenNumber(expr.arg);
    return inner && { ...inner, value: -inner.value, ...(inner.text ? { text: `-${inner.text}` } : {}) };
  }
  if (expr.kind === 'number') return precisionOf(expr.text);
  // m·10^k, as slides write 2·10^-11; -2.78*10^-11 reads as (-2.78)·10^-11
  if (expr.kind === 'binary' && expr.op === '*' && expr.left.kind === 'unary' && expr.left.op === '-' && expr.left.arg.kind === 'number') {
    const inner = writtenNumber({ ...expr, left: expr.left.arg });
    return inner && { ...inner, value: -inner.value };
  }
  if (expr.kind === 'binary' && expr.op === '*' && expr.left.kind === 'number' && expr.right.kind === 'binary' && expr.right.op === '^') {
    const base = expr.right.left;
    const exponent = integerOf(expr.right.right);
    if (base.kind === 'number' && base.text === '10' && exponent !== undefined) {
      const mantissa = precisionOf(/[.eE]/.test(expr.left.text) ? expr.left.text : `${expr.left.text}.`); // 2·10^-11 has one significant digit
      return { value: mantissa.value * 10 ** exponent, decimals: mantissa.decimals - exponent, significant: mantissa.significant, halfUnit: mantissa.halfUnit * 10 ** exponent };
    }
  }
  return undefined;
}

function integerOf(expr: Expr): number | undefined {
  if (expr.kind === 'number' && /^[0-9]+$/.test(expr.text)) return Number(expr.text);
  if (expr.kind === 'unary' && expr.op === '-') {
    const inner = integerOf(expr.arg);
    return inner === undefined ? undefined : -inner;
  }
  return undefined;
}

/**
 * The precision of a decimal literal. A whole number without a decimal point or exponent (`12`) is exact; `0e9` is
 * zero to its decimals (a zero has no magnitude to scale its precision by).
 */
export function precisionOf(text: string): WrittenNumber {
  const [mantissa = '', exponentText] = text.toLowerCase().split('e');
  const [whole = '', fraction] = mantissa.split('.');
  const digits = `${whole}${fraction ?? ''}`.replace(/^0+/, '');
  const exponent = digits === '' ? 0 : Number(exponentText ?? '0');
  const decimals = (fraction ?? '').length - exponent;
  const significant = Math.max(1, digits.length);
  const exact = fraction === undefined && exponentText === undefined;
  return { value: Number(text), decimals, significant, halfUnit: exact ? 0 : 0.5 * 10 ** -decimals, text };
}

/**
 * The fewest significant digits an intermediate result keeps, however few the answer has: a student who writes 0.5
 * has not computed with one-digit numbers (with them, (1.5 − σ(0.3·0.5 + 0.1))²/2 comes out 0.5, not 0.44).
 */
const MIN_KEPT_DIGITS = 3;

/**
 * Ways of rounding intermediate results tried to explain an answer: to its number of decimals (give or take one) or
 * of significant digits (or one more). No intermediate result keeps fewer significant digits than the answer has:
 * rounding 0.0262 to 0.03 before taking its logarithm is rounding too early, not rounding.
 */
function roundings(written: WrittenNumber): { label: string; round: (value: number) => number }[] {
  const keep = Math.max(written.significant, MIN_KEPT_DIGITS);
  const byDecimals = [written.decimals - 1, written.decimals, written.decimals + 1]
    .filter((d) => d >= 0 || written.decimals < 0)
    .map((d) => ({
      label: `intermediate results rounded to ${d} decimal${d === 1 ? '' : 's'}`,
      round: (v: number) => (Math.abs(v - roundDecimals(v, d)) <= Math.abs(v - roundSignificant(v, keep)) ? roundDecimals(v, d) : roundSignificant(v, keep)),
    }));
  const bySignificant = [keep, keep + 1].map((s) => ({
    label: `intermediate results rounded to ${s} significant digit${s === 1 ? '' : 's'}`,
    round: (v: number) => roundSignificant(v, s),
  }));
  return [...byDecimals, ...bySignificant];
}

/** Judges `written` as the value of `node` at `point`. */
export function judgeNumber(algebra: Simplifier, node: NodeId, point: Point, written: WrittenNumber, tolerance: Tolerance = {}): NumberVerdict {
  const graph = algebra.graph;
  const tape = new Tape(graph, [node]);
  const folded = Object.keys(point).length === 0 ? algebra.valueOf(algebra.simplify(node)) : undefined; // sin(7π) is 0, not 8.6e-16
  const exact = folded ? folded.valueOf() : tape.forward(point)[node]!;
  if (tolerance.rtol !== undefined || tolerance.atol !== undefined) {
    const allowed = (tolerance.atol ?? 0) + (tolerance.rtol ?? 0) * Math.abs(exact);
    const correct = Math.abs(written.value - exact) <= allowed;
    return { correct, exact, explanation: correct ? `within the tolerance (${allowed.toPrecision(2)})` : `${formatNumber(written.value)} is farther than ${allowed.toPrecision(2)} from ${formatNumber(exact)}` };
  }
  const matches = (value: number) => Number.isFinite(value) && Math.abs(value - written.value) <= written.halfUnit * (1 + 1e-9) + 1e-12 * Math.abs(value);
  const tiny = Math.abs(exact) < MIN_NORMAL ? underflowed(graph, node, point, folded) : undefined;
  if (tiny !== undefined && tiny !== '0' && written.halfUnit === 0) {
    // float64 cannot hold the value (1e-320, exp(-1000)): an exact answer is judged against what it really is
    return { correct: false, exact, explanation: `the exact value is about ${tiny}, not ${written.text ?? formatNumber(written.value)} (too small for float64, which rounds it to ${formatNumber(exact)})` };
  }
  if (matches(exact)) return { correct: true, exact, explanation: `${formatNumber(exact)} rounds to ${written.text ?? formatNumber(written.value)}` };

  const exactNodes = rationalConstants(algebra, tape);
  const fixed = (id: NodeId) => id === node || graph.node(id).inputs.length === 0 || exactNodes.has(id); // givens, exact parts, the answer itself
  // rounding intermediate results moves an answer by at most a unit and a half of its last place (0.305 for 0.30430)
  const withinReach = Math.abs(exact - written.value) <= MAX_UNITS_MOVED * 2 * written.halfUnit * (1 + 1e-9);
  for (const { label, round } of written.halfUnit === 0 || !withinReach ? [] : roundings(written)) {
    const value = tape.forward(point, { round: (v, id) => (fixed(id) ? v : round(v)) })[node]!;
    if (matches(value)) return { correct: true, exact, explanation: `rounding explains it: with ${label} the result is ${formatNumber(value)} (the exact value is ${formatNumber(exact)})` };
  }
  const early = written.halfUnit === 0 ? undefined : roundedTooEarly(graph, tape, node, point, written, matches);
  const rounded = roundDecimals(exact, Math.max(written.decimals, 0));
  const shown = written.text ?? formatNumber(written.value);
  const plainDecimal = written.text !== undefined && /^-?[0-9]*\.[0-9]+$/.test(written.text);
  const roundedText = plainDecimal ? rounded.toFixed(written.decimals) : formatNumber(rounded); // 0.8869, 0.880: as many digits as written
  // 12 for 12.3: written as a whole number it is taken as exact; 8 for 4 is wrong however it is written
  const roundedWouldDo = Math.abs(exact - written.value) <= 0.5 * (1 + 1e-9);
  const explanation = early
    ? `${shown} is what you get with ${early.given} rounded to ${early.rounded} too early; the exact value is ${formatNumber(exact)}`
    : written.halfUnit === 0
      ? `${shown} is not the exact value ${formatNumber(exact)}${roundedWouldDo ? ` (a whole number is taken as exact: ${Math.abs(exact - written.value) <= 0.05 ? `write ${shown}.0` : `for a value rounded to a whole number write ${shown}. with its decimal point`}, or more decimals, for a rounded value)` : ''}`
      : `rounding cannot explain ${shown}: the exact value is ${formatNumber(exact)}, which rounds to ${roundedText}`;
  return { correct: false, exact, explanation };
}

/**
 * How far, in units of its last written place, rounded intermediate results may move an answer from the exact value.
 * Each rounding moves a result by at most half a unit of its own last place; the slides' 0.305 for 0.30430 is 1.4
 * units off, while answers 3 or more units off (0.020 for 0.0244, from 1 + e^−3.7 rounded to 1.02) are not what
 * rounding does to a computation but what rounding away its digits does.
 */
const MAX_UNITS_MOVED = 1.5;

/** The smallest positive normal float64: below it float64 has lost digits, and to 0 all of them. */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * A value float64 cannot hold (below MIN_NORMAL), as it really is: '0' when it is exactly 0, or its first digits
 * (`5.08e-435`) when two precisions of many-digit arithmetic agree on it; undefined when they cannot tell.
 */
function underflowed(graph: Graph, node: NodeId, point: Point, folded: Fraction | undefined): string | undefined {
  if (folded) return folded.n === 0n ? '0' : new (decimalClass(20))(folded.n.toString()).div(folded.d.toString()).toSignificantDigits(3).toString();
  const [low, high] = [50, 80].map((digits) => preciseValues(graph, [node], point, digits)?.[node]);
  if (!low || !high || low.isNaN() || high.isNaN()) return undefined;
  if (high.isZero()) return low.isZero() ? '0' : undefined;
  return low.minus(high).abs().lte(high.abs().times('1e-20')) ? high.toSignificantDigits(3).toString() : undefined;
}

/** Nodes whose exact value is a rational constant (1/3 is not rounded as an intermediate result). */
function rationalConstants(algebra: Simplifier, tape: Tape): Set<NodeId> {
  const found = new Set<NodeId>();
  for (const id of tape.order) if (algebra.valueOf(algebra.simplify(id))) found.add(id);
  return found;
}

/**
 * A number rounded too early that explains the answer: a given number (of 3 or more significant digits) rounded to
 * 2 or more digits fewer, or an intermediate result rounded to fewer significant digits than the answer has.
 */
function roundedTooEarly(graph: Graph, tape: Tape, node: NodeId, point: Point, written: WrittenNumber, matches: (value: number) => boolean) {
  const values = tape.forward(point);
  for (const id of [...tape.order].reverse()) {
    // the last results before the answer first: rounding the probability, not a score inside it
    if (id === node) continue;
    const given = graph.node(id);
    const value = values[id]!;
    const isConstant = given.op === 'const';
    if ((isConstant && isWhole(given.value!)) || (!isConstant && given.inputs.length === 0)) continue;
    const maxDigits = isConstant ? Math.min(3, precisionOf(String(value)).significant - 2) : Math.max(1, written.significant - 1);
    for (let digits = 1; digits <= maxDigits; digits++) {
      const rounded = roundSignificant(value, digits);
      if (rounded === value) break;
      const result = tape.forward(point, { round: (v, at) => (at === id ? rounded : v) })[node]!;
      if (matches(result)) return { given: isConstant ? formatNumber(value) : `${printText(graph, id)} = ${formatNumber(value)}`, rounded: formatNumber(rounded) };
    }
  }
  return undefined;
}

function isWhole(value: Fraction): boolean {
  return value.d === 1n;
}

/**
 * A value as the decimal a person computing by hand has: float64's last bits dropped (18.2 + 9.03 + 3.32 is
 * 30.549999999999997 in float64 and 30.55 on paper, which rounds to 30.6).
 */
function onPaper(value: number): number {
  return Number(value.toPrecision(12));
}

/** Rounds to a number of decimals (negative: to tens, hundreds…), halves away from zero, as on paper. */
export function roundDecimals(value: number, decimals: number): number {
  if (!Number.isFinite(value) || Math.abs(decimals) > 100) return value;
  const scaled = onPaper(Math.abs(value) * 10 ** decimals);
  return Math.sign(value) * Number((Math.floor(scaled + 0.5) / 10 ** decimals).toPrecision(15));
}

/** Rounds to a number of significant digits, as on paper. */
export function roundSignificant(value: number, digits: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(onPaper(value))));
  return roundDecimals(value, digits - 1 - magnitude);
}

