/** An MLP report as JSON: {"loss", "gradients": {"W1": [[…]], "b1": […]}, "shapes", "check": {"agree", …}, …}. */
import { checkSummaryText } from '../nn/check.js';
import { toRows } from '../nn/tensor.js';
import type { MlpReport } from './mlp.js';

/** The report's JSON. */
export function mlpJson(report: MlpReport): object {
  const { network, forward, backward, check, diagnostics } = report;
  const gradients: Record<string, unknown> = {};
  const shapes: Record<string, number[]> = {};
  const values: Record<string, unknown> = {};
  network.layers.forEach((layer, i) => {
    const l = layer.index;
    const step = forward.layers[i]!;
    gradients[`W${l}`] = toRows(backward.gradients.W[i]!);
    gradients[`b${l}`] = Array.from(backward.gradients.b[i]!);
    shapes[`W${l}`] = [step.W.rows, step.W.cols];
    shapes[`b${l}`] = [step.b.length];
    shapes[`z${l}`] = [step.z.rows, step.z.cols];
    shapes[`a${l}`] = [step.a.rows, step.a.cols];
    shapes[`delta${l}`] = [backward.layers[i]!.delta.rows, backward.layers[i]!.delta.cols];
    values[`z${l}`] = toRows(step.z);
    values[`a${l}`] = toRows(step.a);
    values[`delta${l}`] = toRows(backward.layers[i]!.delta);
  });
  return {
    loss: forward.loss,
    data_loss: forward.dataLoss,
    regularization: forward.regularization,
    gradients,
    shapes,
    convention: network.convention,
    batch: forward.batchSize,
    forward: values,
    rules: Object.fromEntries(backward.layers.map((layer) => [`layer${layer.index}`, { delta: layer.rule, weights: layer.gradientRule }])),
    check: { ...check, summary: checkSummaryText(check) },
    diagnostics,
    ...(report.step
      ? {
          step: {
            optimizer: report.step.options.name,
            learning_rate: report.step.options.learningRate,
            formulas: report.step.updates,
            parameters: Object.fromEntries(network.layers.flatMap((layer, i) => [[`W${layer.index}`, toRows(report.step!.parameters.W[i]!)], [`b${layer.index}`, Array.from(report.step!.parameters.b[i]!)]])),
          },
        }
      : {}),
  };
}
