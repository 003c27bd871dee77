/**
 * One optimizer step for every parameter, with the formulas of seed 004 (AdaGrad, RMSProp, Adam) and the classical
 * momentum update, entry by entry; ∂L/∂w is the gradient, g the running sum or average of its square, m its average.
 */
import type { Gradients, Matrix, Parameters } from './tensor.js';

/** The optimizers. */
export const OPTIMIZERS = ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam'] as const;

/** The name of an optimizer. */
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** An optimizer and its hyperparameters (defaults: momentum 0.9, decay 0.9, β1 0.9, β2 0.999, ε 1e-8). */
export interface OptimizerOptions {
  readonly name: OptimizerName;
  /** η. */
  readonly learningRate: number;
  /** μ of momentum. */
  readonly momentum?: number;
  /** β of rmsprop. */
  readonly decay?: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}

/** What an optimizer remembers between steps, shaped like the parameters: m (velocity or first moment), g (squares). */
export interface OptimizerState {
  /** Steps taken so far (t). */
  readonly t: number;
  readonly m: Parameters;
  readonly g: Parameters;
}

/** One parameter's update: its name and the formulas applied to each of its entries. */
export interface ParameterUpdate {
  readonly name: string;
  readonly formula: readonly string[];
}

/** The result of a step: new parameters, the new state, and the formulas. */
export interface OptimizerStep {
  readonly parameters: Parameters;
  readonly state: OptimizerState;
  readonly updates: readonly ParameterUpdate[];
}

/** The zero state of an optimizer (t = 0, m = g = 0). */
export function zeroState(params: Parameters): OptimizerState {
  const zero = (): Parameters => ({
    W: params.W.map((w) => ({ rows: w.rows, cols: w.cols, data: new Float64Array(w.data.length) })),
    b: params.b.map((b) => new Float64Array(b.length)),
  });
  return { t: 0, m: zero(), g: zero() };
}

/** The entrywise update rule: new w, m, g from w, ∂L/∂w, m, g. */
type Rule = (w: number, grad: number, m: number, g: number) => readonly [number, number, number];

/** One step of the optimizer for every parameter, from `state` (the zero state when omitted). */
export function optimizerStep(params: Parameters, gradients: Gradients, options: OptimizerOptions, state: OptimizerState = zeroState(params)): OptimizerStep {
  const eta = options.learningRate, eps = options.epsilon ?? 1e-8;
  const mu = options.momentum ?? 0.9, beta = options.decay ?? 0.9, beta1 = options.beta1 ?? 0.9, beta2 = options.beta2 ?? 0.999;
  const t = state.t;
  const correction1 = 1 - beta1 ** (t + 1), correction2 = 1 - beta2 ** (t + 1);
  const rules: Record<OptimizerName, Rule> = {
    sgd: (w, grad, m, g) => [w - eta * grad, m, g], // w ← w − η ∂L/∂w
    momentum: (w, grad, m, g) => {
      const v = mu * m - eta * grad; // v ← μ v − η ∂L/∂w
      return [w + v, v, g]; // w ← w + v
    },
    adagrad: (w, grad, m, g) => {
      const sum = g + grad * grad; // g ← g + (∂L/∂w)²
      return [w - (eta / (Math.sqrt(sum) + eps)) * grad, m, sum]; // w ← w − η/(√g + ε) ∂L/∂w
    },
    rmsprop: (w, grad, m, g) => {
      const avg = beta * g + (1 - beta) * grad * grad; // g ← β g + (1 − β)(∂L/∂w)²
      return [w - (eta / (Math.sqrt(avg) + eps)) * grad, m, avg]; // w ← w − η/(√g + ε) ∂L/∂w
    },
    adam: (w, grad, m, g) => {
      const first = beta1 * m + (1 - beta1) * grad; // m ← β1 m + (1 − β1) ∂L/∂w
      const second = beta2 * g + (1 - beta2) * grad * grad; // g ← β2 g + (1 − β2)(∂L/∂w)²
      const mHat = first / correction1, gHat = second / correction2; // m̂ = m/(1 − β1^(t+1)), ĝ = g/(1 − β2^(t+1))
      return [w - (eta / (Math.sqrt(gHat) + eps)) * mHat, first, second]; // w ← w − η/(√ĝ + ε) m̂
    },
  };
  const rule = rules[options.name];
  const apply = (w: Float64Array, grad: Float64Array, m: Float64Array, g: Float64Array) => {
    const out = [new Float64Array(w.length), new Float64Array(w.length), new Float64Array(w.length)] as const;
    for (let i = 0; i < w.length; i++) [out[0][i], out[1][i], out[2][i]] = rule(w[i]!, grad[i]!, m[i]!, g[i]!);
    return out;
  };
  const matrix = (like: Matrix, data: Float64Array): Matrix => ({ rows: like.rows, cols: like.cols, data });
  const W = params.W.map((w, i) => apply(w.data, gradients.W[i]!.data, state.m.W[i]!.data, state.g.W[i]!.data));
  const b = params.b.map((v, i) => apply(v, gradients.b[i]!, state.m.b[i]!, state.g.b[i]!));
  const names = params.W.flatMap((_, i) => [`W${i + 1}`, `b${i + 1}`]);
  return {
    parameters: { W: W.map(([w], i) => matrix(params.W[i]!, w)), b: b.map(([v]) => v) },
    state: {
      t: t + 1,
      m: { W: W.map(([, m], i) => matrix(params.W[i]!, m)), b: b.map(([, m]) => m) },
      g: { W: W.map(([, , g], i) => matrix(params.W[i]!, g)), b: b.map(([, , g]) => g) },
    },
    updates: names.map((name) => ({ name, formula: formulaOf(options.name, name, { eta, eps, mu, beta, beta1, beta2, t }) })),
  };
}

/** The hyperparameters a formula shows. */
interface Hyper {
  readonly eta: number;
  readonly eps: number;
  readonly mu: number;
  readonly beta: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly t: number;
}

/** The formulas of one step for parameter `p`, with the hyperparameters' values written in. */
function formulaOf(optimizer: OptimizerName, p: string, h: Hyper): string[] {
  const grad = `∂L/∂${p}`;
  const divide = (num: string) => `${p} ← ${p} − ${h.eta}/(√${num} + ${h.eps})·`;
  switch (optimizer) {
    case 'sgd':
      return [`${p} ← ${p} − ${h.eta}·${grad}`];
    case 'momentum':
      return [`v_${p} ← ${h.mu}·v_${p} − ${h.eta}·${grad}`, `${p} ← ${p} + v_${p}`];
    case 'adagrad':
      return [`g_${p} ← g_${p} + (${grad})²`, `${divide(`g_${p}`)}${grad}`];
    case 'rmsprop':
      return [`g_${p} ← ${h.beta}·g_${p} + ${round(1 - h.beta)}·(${grad})²`, `${divide(`g_${p}`)}${grad}`];
    case 'adam':
      return [
        `m_${p} ← ${h.beta1}·m_${p} + ${round(1 - h.beta1)}·${grad}`,
        `g_${p} ← ${h.beta2}·g_${p} + ${round(1 - h.beta2)}·(${grad})²`,
        `m̂_${p} = m_${p}/(1 − ${h.beta1}^${h.t + 1})`,
        `ĝ_${p} = g_${p}/(1 − ${h.beta2}^${h.t + 1})`,
        `${divide(`ĝ_${p}`)}m̂_${p}`,
      ];
  }
}

/** 1 − β without binary noise (0.09999999999999998 → 0.1). */
function round(value: number): number {
  return Number(value.toPrecision(12));
}
