// Table-driven op tests (as JAX's lax_autodiff_test): every registered op is checked the moment it exists.
import Fraction from 'fraction.js';
import { describe, expect, it } from 'vitest';
import { decimalClass, exactDecimal, Graph, OPS, richardson, Simplifier, Tape, type NodeId, type OpDef } from '../../src/engines.js';
import { seededRandom } from '../../src/check/random.js';
import { stencil } from '../../src/numeric/finite.js';

const DIFFERENTIABLE = OPS.filter((op) => op.kind !== 'leaf');

/** Ops without a high-precision value (`precise`), and why: an op added without one must be listed here. */
const WITHOUT_PRECISE: Readonly<Record<string, string>> = {
  const: 'its value is the exact rational on the node',
  var: 'its value comes from the point',
};

/** Arguments around the edges of the real domains (0, ±1, negative bases, odd and even roots), for every arity. */
function probesFor(op: OpDef): (readonly number[])[] {
  const values = [-2, -1, -0.5, 0, 0.5, 1, 3];
  const arity = Math.min(Math.max(op.arity[0], 1), 3);
  let probes: number[][] = [[]];
  for (let i = 0; i < arity; i++) probes = probes.flatMap((prefix) => values.map((value) => [...prefix, value]));
  return op.arity[0] <= 1 && op.arity[1] >= 2 ? [...probes, ...probes.flatMap((prefix) => values.map((value) => [...prefix, value]))] : probes;
}

/** Points to test an op at: its special values and random points from its sampling intervals. */
function pointsFor(op: OpDef): (readonly number[])[] {
  const arity = op.special?.[0]?.length ?? op.sample?.length ?? Math.max(op.arity[0], 1);
  const ranges = op.sample ?? Array.from({ length: arity }, () => [-3, 3] as const);
  const random = seededRandom(op.name.length * 7919);
  const randomPoints = Array.from({ length: 12 }, () => ranges.map(([lo, hi]) => lo + (hi - lo) * random()));
  return [...(op.special ?? []), ...randomPoints];
}

/** Whether finite differences around argument i cross one of the op's kinks. */
function nearKink(op: OpDef, args: readonly number[], i: number): boolean {
  if (!op.kinks) return false;
  const center = op.kinks(args);
  return stencil(args[i]!).some((t) => op.kinks!(args.map((a, j) => (j === i ? t : a))).some((v, k) => Math.sign(v) !== Math.sign(center[k]!)));
}

describe.each(DIFFERENTIABLE.map((op) => [op.name, op] as const))('op %s', (_name, op) => {
  const points = pointsFor(op).filter((args) => op.domain?.(args) === undefined && Number.isFinite(op.eval(args)));

  it('has points inside its domain to be tested at', () => {
    expect(points.length).toBeGreaterThan(5);
  });

  it('has a symbolic partial, a VJP and finite differences that agree at every test point', () => {
    for (const args of points) {
      const graph = new Graph();
      const algebra = new Simplifier(graph);
      const inputs = args.map((_, i) => graph.variable(`a${i}`));
      const out = algebra.simplify(graph.intern(op.name, inputs));
      const point = Object.fromEntries(args.map((value, i) => [`a${i}`, value]));
      const y = op.eval(args);
      const vjp = op.vjp(1, args, y);
      args.forEach((_, i) => {
        const partial: NodeId = op.partial(algebra, inputs, i, out);
        const symbolic = new Tape(graph, [partial]).forward(point)[partial]!;
        const context = `${op.name}(${args.join(', ')}) by argument ${i + 1}`;
        if (Number.isNaN(symbolic)) {
          // no real derivative here (the exponent of a negative base): every method must say so
          expect(vjp[i], context).toBeNaN();
          expect(op.eval(args.map((a, j) => (j === i ? a + 1e-3 : a))), context).toBeNaN();
          return;
        }
        expect(symbolic, context).toBeCloseTo(vjp[i]!, 10);
        if (nearKink(op, args, i)) return;
        const fd = richardson((t) => op.eval(args.map((a, j) => (j === i ? t : a))), args[i]!);
        expect(Math.abs(symbolic - fd.value), context).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(symbolic)) + fd.noise);
      });
    }
  });

  it('multiplies its local derivatives by the upstream gradient', () => {
    for (const args of points.slice(0, 4)) {
      const y = op.eval(args);
      const once = op.vjp(1, args, y);
      op.vjp(-2.5, args, y).forEach((value, i) => {
        if (Number.isNaN(once[i]!)) expect(value).toBeNaN();
        else expect(value).toBeCloseTo(-2.5 * once[i]!, 10);
      });
    }
  });

  it('folds exact arguments to the value it computes, when it folds them at all', () => {
    const exactPoints = [...(op.special ?? []), [0], [1], [2, 3], [-2, 2]].filter((args) => args.length >= op.arity[0] && args.length <= op.arity[1]);
    for (const args of exactPoints) {
      const folded = op.exact?.(args.map((a) => new Fraction(a)));
      if (folded !== undefined && Number.isFinite(args[0]!) && args.every((a) => Number.isInteger(a * 4))) {
        expect(folded.valueOf(), `${op.name}(${args})`).toBeCloseTo(op.eval(args), 12);
      }
    }
  });

  it('has a high-precision value that agrees with eval, and is NaN exactly where eval is undefined', () => {
    if (!op.precise) {
      expect(WITHOUT_PRECISE[op.name], `${op.name} has no precise value and no reason in WITHOUT_PRECISE`).toBeDefined();
      return;
    }
    const D = decimalClass(40);
    for (const args of [...pointsFor(op), ...probesFor(op)]) {
      if (args.length < op.arity[0] || args.length > op.arity[1]) continue;
      const float = op.eval(args);
      const precise = op.precise(args.map((a) => exactDecimal(a, D)), D);
      const context = `${op.name}(${args.join(', ')}): float64 ${float}, precise ${precise.toString()}`;
      const undefinedThere = Number.isNaN(float) || op.domain?.(args) !== undefined;
      expect(precise.isNaN(), context).toBe(undefinedThere);
      if (undefinedThere) continue;
      const value = precise.toNumber();
      expect(Math.abs(value - float), context).toBeLessThanOrEqual(1e-13 * Math.max(Math.abs(value), Math.abs(float)));
    }
  });

  it('says how its derivative is taken at its kinks, if it has any', () => {
    if (op.kinks) expect(op.kinkNote).toMatch(/\S/);
  });
});

describe('op registry', () => {
  it('has one record per name', () => {
    const names = OPS.map((op) => op.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives every op a high-precision value, except the ones listed with a reason', () => {
    expect(OPS.filter((op) => !op.precise && !(op.name in WITHOUT_PRECISE)).map((op) => op.name)).toEqual([]);
    expect(Object.keys(WITHOUT_PRECISE).filter((name) => OPS.find((op) => op.name === name)?.precise !== undefined)).toEqual([]);
  });

  it('computes the constants π and e to the precision asked for', () => {
    const D = decimalClass(100);
    const pi = OPS.find((op) => op.name === 'pi')!.precise!([], D);
    const e = OPS.find((op) => op.name === 'e')!.precise!([], D);
    expect(pi.toSignificantDigits(100).toString()).toBe(
      '3.141592653589793238462643383279502884197169399375105820974944592307816406286208998628034825342117068',
    );
    expect(e.toSignificantDigits(100).toString()).toBe(
      '2.718281828459045235360287471352662497757247093699959574966967627724076630353547594571382178525166427',
    );
  });
});
