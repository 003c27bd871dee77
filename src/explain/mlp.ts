/**
 * The vectorized backprop of an MLP, explained: the forward equations layer by layer with shapes and values, the δ
 * recursion of seed 004, ∂L/∂W^[l] and ∂L/∂b^[l] with their shapes, the three-way cross-check, the diagnostics the
 * lectures ask for, and optionally one optimizer step.
 */
import { InputError } from '../errors.js';
import { checkGradients, type MlpCheck } from '../nn/check.js';
import { diagnose, type Diagnostics } from '../nn/diagnostics.js';
import { backwardPass, forwardPass, type BackwardPass, type ForwardPass } from '../nn/mlp.js';
import type { Network } from '../nn/network.js';
import { optimizerStep, type OptimizerOptions, type OptimizerStep } from '../nn/optimizers.js';
import type { Batch, Parameters } from '../nn/tensor.js';

/** Everything `chainrule mlp` reports. */
export interface MlpReport {
  readonly network: Network;
  readonly params: Parameters;
  readonly batch: Batch;
  readonly forward: ForwardPass;
  readonly backward: BackwardPass;
  readonly check: MlpCheck;
  readonly diagnostics: Diagnostics;
  readonly step?: OptimizerStep & { readonly options: OptimizerOptions };
}

/**
 * Runs the forward and backward passes, cross-checks the gradients, diagnoses them, and takes a step if asked. Values
 * too large for float64 (a pre-activation, the loss or a gradient that overflows) are an InputError that names them.
 */
export function explainMlp(network: Network, params: Parameters, batch: Batch, options: { step?: OptimizerOptions; seed?: number } = {}): MlpReport {
  const forward = forwardPass(network, params, batch);
  const backward = backwardPass(network, params, batch, forward);
  checkFinite(forward, backward);
  const check = checkGradients(network, params, batch, { seed: options.seed });
  const diagnostics = diagnose(network, params, forward, backward.gradients);
  const step = options.step ? { ...optimizerStep(params, backward.gradients, options.step), options: options.step } : undefined;
  return { network, params, batch, forward, backward, check, diagnostics, ...(step ? { step } : {}) };
}

/** Throws an InputError naming the first value of the passes that is not finite (float64 overflowed). */
function checkFinite(forward: ForwardPass, backward: BackwardPass): void {
  const bad = (values: ArrayLike<number>): number | undefined => {
    for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return values[i];
    return undefined;
  };
  const fail = (what: string, value: number) => {
    throw new InputError('domain', `${what} is ${value}: the numbers overflow float64`, undefined, 'the parameters or inputs are too large for this network: scale them down');
  };
  for (const layer of forward.layers) {
    const z = bad(layer.z.data);
    if (z !== undefined) fail(`an entry of z^[${layer.index}]`, z);
    const a = bad(layer.a.data);
    if (a !== undefined) fail(`an entry of a^[${layer.index}]`, a);
  }
  if (!Number.isFinite(forward.loss)) fail('the loss', forward.loss);
  for (const layer of backward.layers) {
    const dW = bad(layer.dW.data), db = bad(layer.db);
    if (dW !== undefined) fail(`an entry of ∂L/∂W^[${layer.index}]`, dW);
    if (db !== undefined) fail(`an entry of ∂L/∂b^[${layer.index}]`, db);
  }
}
