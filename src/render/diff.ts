/** Renders `chainrule diff` results as text, LaTeX or JSON. */
import type { DiffResult } from '../check/diff.js';
import type { Derivation } from '../explain/steps.js';
import { printLatex, printText } from '../symbolic/print.js';
import { printSet } from './expressions.js';
import { formatValue, outputLabel, partialLabel } from '../explain/format.js';
import { renderStepsLatex, renderStepsText, stepsJson } from './steps.js';

/** Output formats of diff. */
export type DiffFormat = 'text' | 'latex' | 'json';

/** The rendered result, with the step-by-step derivations when given (`--steps`). */
export function renderDiff(result: DiffResult, format: DiffFormat, steps?: readonly Derivation[]): string {
  const { program, derivatives } = result;
  const label = outputLabel(program);
  const simplified = derivatives.algebra.simplify(program.output);
  const printed = printSet(program.graph, derivatives.byVariable, new Set([...program.variables, label]));
  if (format === 'json') {
    return JSON.stringify(
      {
        function: printText(program.graph, simplified),
        variables: [...derivatives.byVariable.keys()],
        derivatives: Object.fromEntries(printed.standalone),
        latex: Object.fromEntries(printed.latex),
        verified: verificationJson(result),
        notes: notes(result),
        ...(steps ? { steps: stepsJson(steps) } : {}),
      },
      null,
      2,
    );
  }
  const lines: string[] = [];
  if (format === 'latex') {
    lines.push(`${label} = ${printLatex(program.graph, simplified)}`);
    for (const entry of printed.shared) lines.push(`${entry.name} = ${entry.latex}`);
    for (const [variable, latex] of printed.latex) lines.push(`\\frac{\\partial ${label}}{\\partial ${variable}} = ${latex}`);
    if (steps && steps.length > 0) lines.push(renderStepsLatex(steps));
    return [...lines, ...[verificationLine(result), ...notes(result)].map((line) => `% ${line}`)].join('\n');
  }
  lines.push(`${label} = ${printText(program.graph, simplified)}`);
  for (const entry of printed.shared) lines.push(`${entry.name} = ${entry.text}`);
  for (const [variable, text] of printed.text) lines.push(`${partialLabel(label, variable)} = ${text}`);
  if (steps && steps.length > 0) lines.push('', renderStepsText(steps), '');
  lines.push(verificationLine(result), ...notes(result).map((note) => `note: ${note}`));
  return lines.join('\n');
}

function verificationLine({ verification }: DiffResult): string {
  const count = verification.checks.length;
  const where = `${count} random point${count === 1 ? '' : 's'}`;
  if (verification.agree) {
    const shortfall = verification.shortfall ? ` (${verification.shortfall})` : '';
    return `✓ verified at ${where}: symbolic, reverse mode and finite differences agree${shortfall}`;
  }
  if (count === 0) return `? not verified: ${verification.shortfall ?? 'no point could be checked'}`;
  const failing = verification.checks.find((check) => !check.agree)!;
  const partial = failing.partials.find((p) => !p.agree)!;
  const at = Object.entries(failing.point).map(([k, v]) => `${k}=${v}`).join(', ');
  return `✗ NOT verified: at ${at} the methods disagree on ∂/∂${partial.variable} (symbolic ${formatValue(partial.symbolic)}, reverse mode ${formatValue(partial.reverse)}, finite differences ${partial.finite === null ? 'not used' : formatValue(partial.finite)})`;
}

function notes(result: DiffResult): string[] {
  const label = outputLabel(result.program);
  return [
    ...result.verification.kinkNotes,
    ...result.absent.map((name) => `${label} does not depend on ${name}, so its derivative by ${name} is 0`),
  ];
}

function verificationJson({ verification }: DiffResult) {
  return {
    agree: verification.agree,
    points: verification.checks.map((check) => check.point),
    max_relative_error: {
      symbolic_vs_reverse: Math.max(0, ...verification.checks.flatMap((check) => check.partials.map((p) => p.symbolicVsReverse))),
      vs_finite_difference: Math.max(0, ...verification.checks.flatMap((check) => check.partials.map((p) => p.vsFinite ?? 0))),
    },
    ...(verification.shortfall ? { shortfall: verification.shortfall } : {}),
  };
}
