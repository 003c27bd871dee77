/** Renders step-by-step derivations (src/explain/steps.ts): indented lines of text, a LaTeX `aligned` block, and JSON. */
import type { Derivation, DerivationStep } from '../explain/steps.js';
import { partialLabel } from '../explain/format.js';
import { derivationLines, stepNotes } from '../explain/step-lines.js';

/** The derivations as indented text, one block per variable. */
export function renderStepsText(derivations: readonly Derivation[]): string {
  return derivations
    .map((derivation) => [`${partialLabel(derivation.output, derivation.variable)} step by step:`, ...derivationLines(derivation).map((line) => `${'  '.repeat(line.depth + 1)}${line.text}`), ...stepNotes(derivation)].join('\n'))
    .join('\n\n');
}

/** The derivations as LaTeX: an `aligned` block per variable, notes as comments. */
export function renderStepsLatex(derivations: readonly Derivation[]): string {
  return derivations
    .map((derivation) => {
      const lines = derivationLines(derivation).map((line) => `&${'\\qquad '.repeat(line.depth)}${line.tex}`);
      const head = `% ${partialLabel(derivation.output, derivation.variable)} step by step`;
      return [head, '\\begin{aligned}', lines.join(' \\\\\n'), '\\end{aligned}', ...stepNotes(derivation).map((note) => `% ${note}`)].join('\n');
    })
    .join('\n');
}

/** The derivations as JSON, keyed by variable. */
export function stepsJson(derivations: readonly Derivation[]): Record<string, object> {
  return Object.fromEntries(
    derivations.map((derivation) => [
      derivation.variable,
      {
        output: derivation.output,
        steps: stepJson(derivation.root),
        result: derivation.result.text,
        matches_differentiator: derivation.agreement,
        shown: derivation.shown,
        elided: derivation.elided,
      },
    ]),
  );
}

function stepJson(step: DerivationStep): object {
  return {
    rule: step.rule,
    title: step.title,
    ...(step.chain ? { chain: true } : {}),
    expression: step.expression.text,
    ...(step.formula ? { formula: step.formula.text } : {}),
    ...(step.constants.length > 0 ? { constants: Object.fromEntries(step.constants.map((constant) => [constant.symbol, constant.value.text])) } : {}),
    ...(step.parts.length > 0
      ? { parts: step.parts.map((part) => ({ symbol: part.symbol, naming: part.naming, expression: part.expression.text, local: part.local.text, derivative: stepJson(part.derivative) })) }
      : {}),
    result: step.result.text,
    latex: { expression: step.expression.latex, ...(step.formula ? { formula: step.formula.latex } : {}), result: step.result.latex },
  };
}
