/** Renders `chainrule grad` results (a cross-check at one point) as text or JSON. */
import type { CrossCheck, LocalDisagreement } from '../check/crosscheck.js';
import type { Program } from '../graph/program.js';
import type { Evaluation } from '../numeric/evaluate.js';
import { printSet } from './expressions.js';
import { checkSummary } from '../explain/check-summary.js';
import { formatValue, outputLabel, partialLabel } from '../explain/format.js';

/** Everything grad prints. */
export interface GradResult {
  readonly program: Program;
  readonly evaluation: Evaluation;
  readonly check: CrossCheck;
}

/** Symbolic derivatives are shown beside their values when they are at most this long. */
const SHOW_EXPRESSION_UP_TO = 60;

/** The rendered result. */
export function renderGrad({ program, evaluation, check }: GradResult, format: 'text' | 'json'): string {
  const label = outputLabel(program);
  const printed = printSet(program.graph, check.derivatives.byVariable, new Set([...program.variables, label]));
  if (format === 'json') {
    const byMethod = (pick: (p: CrossCheck['partials'][number]) => number | null) =>
      Object.fromEntries(check.partials.map((p) => [p.variable, pick(p)]));
    return JSON.stringify(
      {
        value: check.value,
        gradient: byMethod((p) => p.symbolic),
        methods: {
          symbolic: byMethod((p) => p.symbolic),
          reverse: byMethod((p) => p.reverse),
          finite_difference: byMethod((p) => p.finite),
        },
        agree: check.agree,
        point: check.point,
        bindings: Object.fromEntries(evaluation.bindings.map((b) => [b.name, b.value])),
        derivatives: Object.fromEntries(printed.standalone),
        relative_errors: Object.fromEntries(
          check.partials.map((p) => [p.variable, { symbolic_vs_reverse: p.symbolicVsReverse, vs_finite_difference: p.vsFinite }]),
        ),
        finite_difference_skipped: Object.fromEntries(check.partials.filter((p) => p.skipped).map((p) => [p.variable, p.skipped])),
        undefined_here: Object.fromEntries(check.partials.filter((p) => p.undefinedHere).map((p) => [p.variable, p.undefinedHere])),
        tolerances: { symbolic_vs_reverse: check.tolerances.symbolicReverse, vs_finite_difference: check.tolerances.finite },
        notes: check.kinkNotes,
        disagreements: check.disagreements,
      },
      null,
      2,
    );
  }
  const lines = evaluation.bindings.filter((b) => b.name !== program.outputName).map((b) => `${b.name} = ${formatValue(b.value)}`);
  lines.push(`${label} = ${formatValue(check.value)}`);
  for (const partial of check.partials) {
    const text = printed.text.get(partial.variable)!;
    const shown = text.length <= SHOW_EXPRESSION_UP_TO && text !== formatValue(partial.symbolic) ? `${text} = ` : '';
    const skipped = partial.skipped ? `   (finite differences not used: ${partial.skipped})` : '';
    lines.push(`${partialLabel(label, partial.variable)} = ${shown}${formatValue(partial.symbolic)}${skipped}`);
  }
  lines.push(checkSummary(check), ...check.disagreements.map(describeDisagreement), ...check.kinkNotes.map((note) => `note: ${note}`));
  return lines.join('\n');
}

function describeDisagreement(found: LocalDisagreement): string {
  const where = found.line ? ` (line ${found.line}, column ${found.col})` : '';
  const blame =
    found.suspect === 'both'
      ? 'neither rule matches finite differences'
      : `the ${found.suspect === 'reverse' ? 'reverse-mode' : 'symbolic'} rule for ${found.op} disagrees with finite differences`;
  return `  at ${found.expression}${where}, the local derivative by input ${found.input + 1}: symbolic ${formatValue(found.symbolic)}, reverse mode ${formatValue(found.reverse)}, finite differences ${formatValue(found.finite)}: ${blame}`;
}
