/** An MLP report as a document: forward equations with shapes and values, the δ recursion, gradients, check, diagnostics, step. */
import { checkSummaryText } from '../nn/check.js';
import { shapeText } from '../nn/mlp.js';
import { parameterNames, weightShape, type Network } from '../nn/network.js';
import type { Matrix } from '../nn/tensor.js';
import { formatDigits } from './format.js';
import { column, matrixLatex, matrixText } from './matrix.js';
import { heading, paragraph, text, type Block, type Doc } from './document.js';
import type { MlpReport } from './mlp.js';

/** `z^[l]` as LaTeX and text. */
const named = (tex: string, plainSymbol: string, l: number) => ({ tex: `${tex}^{[${l}]}`, text: `${plainSymbol}^[${l}]` });

/** The report as a document. */
export function mlpDoc(report: MlpReport, options: { digits?: number } = {}): Doc {
  const digits = options.digits ?? 4;
  const { network, forward, backward, check, diagnostics } = report;
  const B = forward.batchSize;
  const value = (label: { tex: string; text: string }, matrix: Matrix, shape = shapeText(matrix)): Block => ({
    kind: 'math',
    lines: [{ tex: `${label.tex}_{\\,(${shape.replace('×', '\\times ')})} = ${matrixLatex(matrix, digits)}`, text: `${label.text} (${shape}) =\n${matrixText(matrix, digits)}` }],
  });
  const blocks: Block[] = [paragraph(text(describe(network, B)))];

  blocks.push(heading(1, 'Forward pass'));
  for (const layer of forward.layers) {
    const l = layer.index;
    const [m, n] = weightShape(network, network.layers[l - 1]!);
    const W = network.convention === 'standard' ? `W^{[${l}]}_{(${m}\\times ${n})}` : `W^{[${l}]\\top}_{(${n}\\times ${m})}`;
    blocks.push({
      kind: 'math',
      lines: [
        {
          tex: `z^{[${l}]}_{(${layer.z.rows}\\times ${B})} = ${W}\\, a^{[${l - 1}]}_{(${layer.input.rows}\\times ${B})} + b^{[${l}]}_{(${layer.b.length}\\times 1)} \\text{ (broadcast over the batch)}`,
          text: layer.equation.replace(/\[(\d+)\]/g, '^[$1]'),
        },
      ],
    });
    blocks.push(value(named('z', 'z', l), layer.z), value(named('a', 'a', l), layer.a));
    const alpha = layer.activation.alpha === undefined ? '' : ` with α = ${layer.activation.alpha}`; // leaky_relu's slope, elu's α
    blocks.push(paragraph(text(`a^[${l}] = ${layer.activation.name}(z^[${l}])${alpha}, entry by entry${layer.activation.name === 'softmax' ? ' (softmax: column by column)' : ''}.`)));
  }
  const regularization = network.l2 ? ` + ${formatDigits(forward.regularization, 6)} (λ·ΣW², λ = ${network.l2})` : '';
  blocks.push(paragraph(text(`L = ${network.loss} = ${formatDigits(forward.dataLoss, 6)}${regularization}${regularization ? ` = ${formatDigits(forward.loss, 6)}` : ''}`)));

  blocks.push(heading(1, 'Backward pass: the δ recursion'));
  blocks.push(paragraph(text(`δ^[l] = ∂ℓ/∂z^[l] for each example (a column per example); ∂L/∂W^[l] averages δ^[l] a^[l−1]ᵀ over the batch of ${B} and ∂L/∂b^[l] is the mean of δ^[l] over the batch.`)));
  for (const layer of [...backward.layers].reverse()) {
    const l = layer.index;
    blocks.push(heading(2, `Layer ${l}`));
    blocks.push(paragraph(text(superscripts(layer.rule))));
    blocks.push(value(named('\\delta', 'δ', l), layer.delta));
    blocks.push(paragraph(text(superscripts(layer.gradientRule))));
    blocks.push(value({ tex: `\\frac{\\partial L}{\\partial W^{[${l}]}}`, text: `∂L/∂W^[${l}]` }, layer.dW));
    blocks.push(value({ tex: `\\frac{\\partial L}{\\partial b^{[${l}]}}`, text: `∂L/∂b^[${l}]` }, column(layer.db)));
  }

  blocks.push(heading(1, 'Cross-check'));
  blocks.push(paragraph(text(`${!check.agree ? '✗' : check.verified ? '✓' : '?'} ${checkSummaryText(check)}`)));
  for (const note of check.notes) blocks.push(paragraph(text(`Note: ${note}`)));

  blocks.push(heading(1, 'Diagnostics'));
  blocks.push({
    kind: 'table',
    header: [[text('layer')], [text('‖∂L/∂W‖')], [text('‖∂L/∂b‖')], [text('ratio to the next layer')]],
    rows: diagnostics.norms.map((norm) => {
      const ratio = diagnostics.ratios.find((r) => r.layer === norm.layer)?.ratio;
      return [[text(String(norm.layer))], [text(formatDigits(norm.weight, 4))], [text(formatDigits(norm.bias, 4))], [text(ratio === undefined || ratio === null ? '' : formatDigits(ratio, 3))]];
    }),
    numeric: [true, true, true, true],
  });
  blocks.push(paragraph(text(`Gradient flow: ${diagnostics.gradientFlow}${diagnostics.firstOverLast === null ? '' : ` (‖∂L/∂W^[1]‖ / ‖∂L/∂W^[L]‖ = ${formatDigits(diagnostics.firstOverLast, 3)})`}.`)));
  if (diagnostics.warnings.length > 0) blocks.push({ kind: 'list', items: diagnostics.warnings.map((warning) => [text(`⚠ ${warning}`)]) });

  if (report.step) {
    const { options, updates, parameters } = report.step;
    blocks.push(heading(1, `One ${options.name} step (η = ${options.learningRate})`));
    blocks.push({ kind: 'list', items: updates.map((update) => [text(`${update.name}: ${update.formula.join('; ')}`)]) });
    parameterNames(network).forEach((name, k) => {
      const layer = Math.floor(k / 2);
      const matrix = k % 2 === 0 ? parameters.W[layer]! : column(parameters.b[layer]!);
      blocks.push(value({ tex: `${name[0]}^{[${name.slice(1)}]}_{\\text{new}}`, text: `${name} (new)` }, matrix));
    });
  }
  return { title: 'Backpropagation through the network', blocks };
}

/** One sentence describing the network. */
function describe(network: Network, batch: number): string {
  const layers = network.layers.map((layer) => `${layer.units} ${layer.activation.name}${layer.activation.alpha === undefined ? '' : `(${layer.activation.alpha})`}`).join(' → ');
  const convention = network.convention === 'standard' ? 'z = W a + b, W^[l] of shape (units × previous)' : 'z = Wᵀ a + b, W^[l] of shape (previous × units) (seed 001)';
  const l2 = network.l2 ? `, L2 regularisation λ = ${network.l2}` : '';
  return `Network: input ${network.inputSize} → ${layers}; loss ${network.loss}${l2}; ${convention}; batch of ${batch} example${batch === 1 ? '' : 's'}, one column each.`;
}

/** The engine's rules write z[1]; people write z^[1]. */
function superscripts(rule: string): string {
  return rule.replace(/([a-zδW])\[(\d+)\]/g, '$1^[$2]');
}
