/**
 * The vectorized backprop of an MLP, explained: the forward equations layer by layer with shapes and values, the δ
 * recursion of seed 004, ∂L/∂W^[l] and ∂L/∂b^[l] with their shapes, the three-way cross-check, the diagnostics the
 * lectures ask for, and optionally one optimizer step.
 */
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

/** Runs the forward and backward passes, cross-checks the gradients, diagnoses them, and takes a step if asked. */
export function explainMlp(network: Network, params: Parameters, batch: Batch, options: { step?: OptimizerOptions; seed?: number } = {}): MlpReport {
  const forward = forwardPass(network, params, batch);
  const backward = backwardPass(network, params, batch, forward);
  const check = checkGradients(network, params, batch, { seed: options.seed });
  const diagnostics = diagnose(network, params, forward, backward.gradients);
  const step = options.step ? { ...optimizerStep(params, backward.gradients, options.step), options: options.step } : undefined;
  return { network, params, batch, forward, backward, check, diagnostics, ...(step ? { step } : {}) };
}
