/** The shapes report of a 50-layer network: parse the spec, infer every shape and Jacobian, render the text. */
import { networkShapes } from '../explain/shapes.js';
import { parseNetwork } from '../nn/spec.js';
import { renderShapesText } from '../render/shapes.js';
import { measure, roundMs } from './measure.js';

/** Milliseconds for `chainrule shapes` on a network of `layers` dense layers (100 units each). */
export function timeShapes(layers = 50, samples = 9) {
  const spec = `input 100\n${'dense 100 tanh\n'.repeat(layers - 1)}dense 10 softmax\nloss cross_entropy\n`;
  const run = () => renderShapesText(networkShapes(parseNetwork(spec)));
  const lines = run().split('\n').length;
  const timing = measure({ samples, warmups: 2, run });
  return { layers, ms: roundMs(timing.medianMs), target_ms: 1000, report_lines: lines, samples_ms: timing.samplesMs.map(roundMs) };
}
