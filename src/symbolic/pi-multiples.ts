/**
 * Exact values of the trigonometric functions at rational multiples of π whose sine is a known surd: sin(7π) = 0,
 * cos(π/2) = 0, sin(π/6) = 1/2, cos(π/4) = √2/2, tan(π/3) = √3. Without them sin(7π) is 8.6e-16 in float64, and an
 * exact claim `sin(7π) = 0` could not be proved.
 */
import Fraction from 'fraction.js';
import type { Algebra } from '../ops/types.js';
import type { NodeId } from '../graph/graph.js';

/** sin(r·π) for r in [0, 2) with 12r an integer and a rational or surd value, as c·√k (k = 1, 2 or 3). */
function sinOfTurn(r: Fraction): { readonly c: Fraction; readonly k: 1 | 2 | 3 } | undefined {
  const twelfths = Number(r.mul(12).valueOf());
  if (!Number.isInteger(twelfths)) return undefined;
  const sign = twelfths >= 12 ? -1 : 1;
  const inHalf = twelfths % 12; // sin(π + θ) = −sin θ
  const folded = inHalf > 6 ? 12 - inHalf : inHalf; // sin(π − θ) = sin θ
  const table: Record<number, { c: Fraction; k: 1 | 2 | 3 }> = {
    0: { c: new Fraction(0), k: 1 },
    2: { c: new Fraction(1, 2), k: 1 },
    3: { c: new Fraction(1, 2), k: 2 },
    4: { c: new Fraction(1, 2), k: 3 },
    6: { c: new Fraction(1), k: 1 },
  };
  const value = table[folded];
  return value && { c: value.c.mul(sign), k: value.k };
}

/** q reduced to [0, 2): the same point of the circle. */
function turn(q: Fraction): Fraction {
  return q.mod(2).add(2).mod(2);
}

/** The exact value of a trigonometric function (sin cos tan sec csc cot) at q·π, when it is a known one; undefined otherwise or where it is undefined. */
export function atPiMultiple(op: string, q: Fraction, algebra: Algebra): NodeId | undefined {
  if (!['sin', 'cos', 'tan', 'sec', 'csc', 'cot'].includes(op)) return undefined;
  const sin = sinOfTurn(turn(q));
  const cos = sinOfTurn(turn(q.add(new Fraction(1, 2))));
  if (!sin || !cos) return undefined;
  const node = (value: { c: Fraction; k: number }) => (value.k === 1 ? algebra.num(value.c) : algebra.mul(algebra.num(value.c), algebra.power(algebra.num(value.k), new Fraction(1, 2))));
  const zero = (value: { c: Fraction }) => value.c.n === 0n;
  switch (op) {
    case 'sin':
      return node(sin);
    case 'cos':
      return node(cos);
    case 'tan':
      return zero(cos) ? undefined : algebra.div(node(sin), node(cos));
    case 'cot':
      return zero(sin) ? undefined : algebra.div(node(cos), node(sin));
    case 'sec':
      return zero(cos) ? undefined : algebra.power(node(cos), -1);
    default:
      return zero(sin) ? undefined : algebra.power(node(sin), -1);
  }
}

/** Where tan, sec, cot and csc have a pole at q·π (cos or sin is 0 there): tan(π/2), cot(0), csc(π). */
export function poleAtPiMultiple(op: string, q: Fraction): boolean {
  const sine = sinOfTurn(turn(q));
  const cosine = sinOfTurn(turn(q.add(new Fraction(1, 2))));
  if (op === 'tan' || op === 'sec') return cosine?.c.n === 0n;
  if (op === 'cot' || op === 'csc') return sine?.c.n === 0n;
  return false;
}
