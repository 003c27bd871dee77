/**
 * Activations on whole matrices (one column per example) and their derivatives, with the conventions of the scalar
 * ops in src/ops/activations.ts: relu'(0) = 0, leaky_relu'(0) = α, elu'(x) = α·eˣ for x ≤ 0, and numerically stable
 * sigmoid, softplus and softmax. Softmax acts on each column; every other activation acts entry by entry.
 */
import { functionNamed } from '../ops/index.js';
import type { Activation, ActivationName } from './network.js';
import type { Matrix } from './tensor.js';

/**
 * The α an activation takes when none is given, as its op record says (leaky_relu's slope below 0, 0.01; elu's limit
 * −α as x → −∞, 1); undefined for activations without one.
 */
export function defaultAlpha(name: ActivationName): number | undefined {
  const defaults = functionNamed(name)?.defaults;
  return defaults?.length === 1 ? Number(defaults[0]) : undefined;
}

/** The α an activation uses (its own, or the default; 0 for activations without one). */
export function alphaOf(activation: Activation): number {
  return activation.alpha ?? defaultAlpha(activation.name) ?? 0;
}

/** Numerically stable logistic function. */ // σ(x) = 1/(1 + e^−x) = eˣ/(1 + eˣ)
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const ex = Math.exp(x);
  return ex / (1 + ex);
}

/** Numerically stable softplus. */ // ln(1 + eˣ) = max(x, 0) + ln(1 + e^−|x|)
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** An elementwise activation: its value, and its slope at x given y = value(x). */
interface Elementwise {
  readonly value: (x: number, alpha: number) => number;
  readonly slope: (x: number, y: number, alpha: number) => number;
}

/** Activation table: one line per activation and its derivative. */
const ELEMENTWISE: Readonly<Record<Exclude<ActivationName, 'softmax'>, Elementwise>> = {
  linear: { value: (x) => x, slope: () => 1 },
  sigmoid: {
    value: logistic,
    slope: (x) => {
      const t = Math.exp(-Math.abs(x)); // σ' = σ(1 − σ) = e^−|x| / (1 + e^−|x|)²
      return t / ((1 + t) * (1 + t));
    },
  },
  tanh: { value: Math.tanh, slope: (_x, y) => 1 - y * y }, // tanh' = 1 − tanh²
  relu: { value: (x) => (x > 0 ? x : 0), slope: (x) => (x > 0 ? 1 : 0) }, // relu'(0) = 0
  leaky_relu: { value: (x, alpha) => (x > 0 ? x : alpha * x), slope: (x, _y, alpha) => (x > 0 ? 1 : alpha) }, // slope α at 0
  elu: {
    value: (x, alpha) => (x > 0 ? x : alpha * Math.expm1(x)),
    slope: (x, _y, alpha) => (x > 0 ? 1 : alpha * Math.exp(x)), // α·eˣ for x ≤ 0
  },
  softplus: { value: softplus, slope: (x) => logistic(x) }, // softplus' = σ
  swish: {
    value: (x) => x * logistic(x),
    slope: (x) => {
      // swish' = σ + xσ(1 − σ) = (1 + e^−x + x e^−x)/(1 + e^−x)², with eˣ for x < 0 so nothing overflows
      if (x >= 0) {
        const t = Math.exp(-x);
        return (1 + t + x * t) / ((1 + t) * (1 + t));
      }
      const t = Math.exp(x);
      return (t * t + t + x * t) / ((1 + t) * (1 + t));
    },
  },
};

/** σ(x) for one number (softmax has no scalar form: use softmaxColumns). */
export function activationValue(activation: Activation, x: number): number {
  if (activation.name === 'softmax') throw new Error('softmax acts on a whole column, not on one number');
  return ELEMENTWISE[activation.name].value(x, alphaOf(activation));
}

/** σ'(x) for one number (softmax has a Jacobian instead). */
export function activationSlope(activation: Activation, x: number): number {
  if (activation.name === 'softmax') throw new Error('softmax has a Jacobian, not a slope');
  const { value, slope } = ELEMENTWISE[activation.name];
  const alpha = alphaOf(activation);
  return slope(x, value(x, alpha), alpha);
}

/** Softmax of each column, shifted by the column's maximum so nothing overflows. */ // a_i = e^(z_i − max z) / Σ_c e^(z_c − max z)
export function softmaxColumns(z: Matrix): Matrix {
  const { rows, cols } = z;
  const Z = z.data, out = new Float64Array(Z.length);
  for (let j = 0; j < cols; j++) {
    let max = -Infinity;
    for (let i = 0; i < rows; i++) max = Math.max(max, Z[i * cols + j]!);
    let sum = 0;
    for (let i = 0; i < rows; i++) {
      const e = Math.exp(Z[i * cols + j]! - max);
      out[i * cols + j] = e;
      sum += e;
    }
    for (let i = 0; i < rows; i++) out[i * cols + j] /= sum;
  }
  return { rows, cols, data: out };
}

/** a = σ(z): the activation applied to a layer's pre-activations (column-wise for softmax). */
export function activate(activation: Activation, z: Matrix): Matrix {
  if (activation.name === 'softmax') return softmaxColumns(z);
  const Z = z.data, out = new Float64Array(Z.length);
  const alpha = alphaOf(activation);
  switch (activation.name) {
    case 'linear':
      out.set(Z);
      break;
    case 'relu':
      for (let i = 0; i < Z.length; i++) out[i] = Z[i]! > 0 ? Z[i]! : 0;
      break;
    default: {
      const value = ELEMENTWISE[activation.name].value;
      for (let i = 0; i < Z.length; i++) out[i] = value(Z[i]!, alpha);
    }
  }
  return { rows: z.rows, cols: z.cols, data: out };
}

/** σ'(z) entry by entry, given a = σ(z) (not defined for softmax, whose derivative is a Jacobian). */
export function slopes(activation: Activation, z: Matrix, a: Matrix): Matrix {
  if (activation.name === 'softmax') throw new Error('softmax has a Jacobian, not a slope: use softmaxBackward');
  const Z = z.data, A = a.data, out = new Float64Array(Z.length);
  const alpha = alphaOf(activation);
  if (activation.name === 'relu') {
    for (let i = 0; i < Z.length; i++) out[i] = Z[i]! > 0 ? 1 : 0;
  } else {
    const slope = ELEMENTWISE[activation.name].slope;
    for (let i = 0; i < Z.length; i++) out[i] = slope(Z[i]!, A[i]!, alpha);
  }
  return { rows: z.rows, cols: z.cols, data: out };
}

