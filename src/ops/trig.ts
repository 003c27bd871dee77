/** Reciprocal trigonometric and hyperbolic functions and the inverse functions not in elementary.ts, on the reals. */
import { unaryFunction } from './define.js';
import type { Algebra, OpDef } from './types.js';
import type { NodeId } from '../graph/graph.js';
import * as decimal from './decimal/index.js';

const notAt = (name: string, what: string) => (x: number) => (x === 0 ? `${name} is undefined at ${what} (got ${x})` : undefined);
/** 1/(|x|·√(x² − 1)), the magnitude of d asec and d acsc. */
const overAbsRoot = (a: Algebra, x: NodeId, sign: 1 | -1, inner: NodeId) =>
  a.mul(a.num(sign), a.power(a.mul(a.call('abs', x), a.power(inner, 0.5)), -1));

const sec = unaryFunction({
  name: 'sec', summary: 'secant 1/cos x', tex: '\\sec',
  value: (x) => 1 / Math.cos(x),
  precise: (x, D) => new D(1).div(decimal.sinCos(x, D).cos),
  derivative: (a, x, out) => a.mul(out, a.call('tan', x)), // d sec = sec·tan
  slope: (x) => Math.sin(x) / (Math.cos(x) * Math.cos(x)),
  period: 2 * Math.PI,
  special: [0, 1, -2.5], sample: [-1.4, 1.4], exactPoints: [['0', '1']],
  poles: (x) => [Math.cos(x)],
});

const csc = unaryFunction({
  name: 'csc', summary: 'cosecant 1/sin x', tex: '\\csc',
  value: (x) => 1 / Math.sin(x),
  precise: (x, D) => (x.isZero() ? decimal.nan(D) : new D(1).div(decimal.sinCos(x, D).sin)),
  derivative: (a, x, out) => a.neg(a.mul(out, a.call('cot', x))), // d csc = −csc·cot
  slope: (x) => -Math.cos(x) / (Math.sin(x) * Math.sin(x)),
  period: 2 * Math.PI,
  domain: notAt('csc', 'multiples of π'),
  special: [1, Math.PI / 2, -2], sample: [0.2, 2.9],
  poles: (x) => [Math.sin(x)],
});

const cot = unaryFunction({
  name: 'cot', summary: 'cotangent cos x / sin x', tex: '\\cot',
  value: (x) => Math.cos(x) / Math.sin(x),
  precise: (x, D) => {
    if (x.isZero()) return decimal.nan(D);
    const { sin, cos } = decimal.sinCos(x, D);
    return cos.div(sin);
  },
  derivative: (a, x) => a.neg(a.power(a.call('sin', x), -2)), // d cot = −1/sin²
  slope: (_x, y) => -(1 + y * y),
  period: Math.PI,
  domain: notAt('cot', 'multiples of π'),
  special: [1, Math.PI / 2, -2], sample: [0.2, 2.9],
  poles: (x) => [Math.sin(x)],
});

const asec = unaryFunction({
  name: 'asec', aliases: ['arcsec'], summary: 'inverse secant acos(1/x), for |x| ≥ 1', tex: '\\operatorname{arcsec}',
  value: (x) => Math.acos(1 / x),
  precise: decimal.asec,
  derivative: (a, x) => overAbsRoot(a, x, 1, a.sub(a.power(x, 2), a.num(1))), // d asec = 1/(|x|√(x² − 1))
  slope: (x) => 1 / (Math.abs(x) * Math.sqrt(Math.abs(x) - 1) * Math.sqrt(Math.abs(x) + 1)),
  domain: (x) => (Math.abs(x) < 1 ? `asec is defined only for |x| ≥ 1 (got ${x})` : undefined),
  special: [2, -2, 1.5], sample: [1.2, 5], exactPoints: [['1', '0']],
});

const acsc = unaryFunction({
  name: 'acsc', aliases: ['arccsc'], summary: 'inverse cosecant asin(1/x), for |x| ≥ 1', tex: '\\operatorname{arccsc}',
  value: (x) => Math.asin(1 / x),
  precise: decimal.acsc,
  derivative: (a, x) => overAbsRoot(a, x, -1, a.sub(a.power(x, 2), a.num(1))), // d acsc = −1/(|x|√(x² − 1))
  slope: (x) => -1 / (Math.abs(x) * Math.sqrt(Math.abs(x) - 1) * Math.sqrt(Math.abs(x) + 1)),
  domain: (x) => (Math.abs(x) < 1 ? `acsc is defined only for |x| ≥ 1 (got ${x})` : undefined),
  special: [2, -2, 1.5], sample: [1.2, 5],
});

const acot = unaryFunction({
  name: 'acot', aliases: ['arccot'], summary: 'inverse cotangent atan(1/x), in (−π/2, π/2]', tex: '\\operatorname{arccot}',
  value: (x) => (x === 0 ? Math.PI / 2 : Math.atan(1 / x)),
  precise: (x, D) => (x.isZero() ? decimal.pi(D).div(2) : decimal.atan(new D(1).div(x), D)),
  derivative: (a, x) => a.neg(a.power(a.add(a.num(1), a.power(x, 2)), -1)), // d acot = −1/(1 + x²)
  slope: (x) => -1 / (1 + x * x),
  kinkAt: 0,
  kinkNote: 'acot x = atan(1/x) jumps from −π/2 to π/2 at 0 (acot 0 = π/2), where it has no derivative; elsewhere acot′ = −1/(1 + x²)',
  special: [1, -1, 3], sample: [-4, 4],
});

const sech = unaryFunction({
  name: 'sech', summary: 'hyperbolic secant 1/cosh x', tex: '\\operatorname{sech}',
  value: (x) => 1 / Math.cosh(x),
  precise: (x, D) => new D(1).div(decimal.cosh(x, D)),
  derivative: (a, x, out) => a.neg(a.mul(out, a.call('tanh', x))), // d sech = −sech·tanh
  slope: (x, y) => -Math.tanh(x) * y, // not −sinh/cosh², whose parts overflow where it is finite
  special: [0, 1, -2], sample: [-3, 3], exactPoints: [['0', '1']],
});

const csch = unaryFunction({
  name: 'csch', summary: 'hyperbolic cosecant 1/sinh x', tex: '\\operatorname{csch}',
  value: (x) => 1 / Math.sinh(x),
  precise: (x, D) => (x.isZero() ? decimal.nan(D) : new D(1).div(decimal.sinh(x, D))),
  derivative: (a, x, out) => a.neg(a.mul(out, a.call('coth', x))), // d csch = −csch·coth
  slope: (x, y) => -y / Math.tanh(x), // not −cosh/sinh², whose parts overflow where it is finite
  domain: notAt('csch', '0'),
  special: [1, -2, 0.5], sample: [0.2, 3],
  poles: (x) => [x],
});

const coth = unaryFunction({
  name: 'coth', summary: 'hyperbolic cotangent cosh x / sinh x', tex: '\\coth',
  value: (x) => 1 / Math.tanh(x),
  precise: (x, D) => (x.isZero() ? decimal.nan(D) : new D(1).div(decimal.tanh(x, D))),
  derivative: (a, x) => a.neg(a.power(a.call('sinh', x), -2)), // d coth = −1/sinh²
  slope: (x) => {
    const s = Math.sinh(x); // not 1 − coth², which cancels to 0 for large |x|
    return -1 / (s * s);
  },
  domain: notAt('coth', '0'),
  special: [1, -2, 0.5], sample: [0.2, 3],
  poles: (x) => [x],
});

const asinh = unaryFunction({
  name: 'asinh', aliases: ['arsinh', 'arcsinh'], summary: 'inverse hyperbolic sine', tex: '\\operatorname{arsinh}',
  value: Math.asinh,
  precise: decimal.asinh,
  derivative: (a, x) => a.power(a.add(a.power(x, 2), a.num(1)), -0.5), // d asinh = 1/√(x² + 1)
  slope: (x) => 1 / Math.hypot(x, 1),
  special: [0, 1, -3], sample: [-4, 4], exactPoints: [['0', '0']],
});

const acosh = unaryFunction({
  name: 'acosh', aliases: ['arcosh', 'arccosh'], summary: 'inverse hyperbolic cosine, for x ≥ 1', tex: '\\operatorname{arcosh}',
  value: Math.acosh,
  precise: decimal.acosh,
  derivative: (a, x) => a.power(a.mul(a.power(a.sub(x, a.num(1)), 0.5), a.power(a.add(x, a.num(1)), 0.5)), -1), // d acosh = 1/(√(x − 1)·√(x + 1)), not 1/√(x² − 1), which overflows for x > 1e154
  slope: (x) => 1 / (Math.sqrt(x - 1) * Math.sqrt(x + 1)),
  domain: (x) => (x < 1 ? `acosh is defined only for x ≥ 1 (got ${x})` : undefined),
  special: [2, 1.5, 10], sample: [1.2, 5], exactPoints: [['1', '0']],
});

const atanh = unaryFunction({
  name: 'atanh', aliases: ['artanh', 'arctanh'], summary: 'inverse hyperbolic tangent, for |x| < 1', tex: '\\operatorname{artanh}',
  value: Math.atanh,
  precise: decimal.atanh,
  derivative: (a, x) => a.power(a.sub(a.num(1), a.power(x, 2)), -1), // d atanh = 1/(1 − x²)
  slope: (x) => 1 / ((1 - x) * (1 + x)),
  domain: (x) => (Math.abs(x) >= 1 ? `atanh is defined only for −1 < x < 1 (got ${x})` : undefined),
  special: [0, 0.5, -0.9], sample: [-0.9, 0.9], exactPoints: [['0', '0']],
});

const asech = unaryFunction({
  name: 'asech', aliases: ['arsech', 'arcsech'], summary: 'inverse hyperbolic secant acosh(1/x), for 0 < x ≤ 1', tex: '\\operatorname{arsech}',
  value: (x) => Math.acosh(1 / x),
  precise: decimal.asech,
  derivative: (a, x) => a.neg(a.power(a.mul(x, a.power(a.sub(a.num(1), a.power(x, 2)), 0.5)), -1)), // d asech = −1/(x√(1 − x²))
  slope: (x) => -1 / (x * Math.sqrt((1 - x) * (1 + x))),
  domain: (x) => (x <= 0 || x > 1 ? `asech is defined only for 0 < x ≤ 1 (got ${x})` : undefined),
  special: [0.5, 0.1, 0.9], sample: [0.1, 0.9], exactPoints: [['1', '0']],
});

const acsch = unaryFunction({
  name: 'acsch', aliases: ['arcsch', 'arccsch'], summary: 'inverse hyperbolic cosecant asinh(1/x), for x ≠ 0', tex: '\\operatorname{arcsch}',
  value: (x) => Math.asinh(1 / x),
  precise: (x, D) => (x.isZero() ? decimal.nan(D) : decimal.asinh(new D(1).div(x), D)),
  derivative: (a, x) => overAbsRoot(a, x, -1, a.add(a.power(x, 2), a.num(1))), // d acsch = −1/(|x|√(1 + x²))
  slope: (x) => -1 / (Math.abs(x) * Math.hypot(x, 1)),
  domain: notAt('acsch', '0'),
  special: [1, -2, 0.5], sample: [0.2, 4],
  poles: (x) => [x],
});

const acoth = unaryFunction({
  name: 'acoth', aliases: ['arcoth', 'arccoth'], summary: 'inverse hyperbolic cotangent atanh(1/x), for |x| > 1', tex: '\\operatorname{arcoth}',
  value: (x) => Math.atanh(1 / x),
  precise: decimal.acoth,
  // d acoth = d atanh(1/x) = 1/(1 − 1/x²)·(−1/x²) = 1/(1 − x²): the same formula as atanh', on |x| > 1
  derivative: (a, x) => a.power(a.sub(a.num(1), a.power(x, 2)), -1),
  slope: (x) => -1 / ((x - 1) * (x + 1)),
  domain: (x) => (Math.abs(x) <= 1 ? `acoth is defined only for |x| > 1 (got ${x})` : undefined),
  special: [2, -2, 1.5], sample: [1.2, 5],
});

/** Reciprocal and inverse trigonometric and hyperbolic ops. */
export const TRIGONOMETRIC: readonly OpDef[] = [sec, csc, cot, asec, acsc, acot, sech, csch, coth, asinh, acosh, atanh, asech, acsch, acoth];
