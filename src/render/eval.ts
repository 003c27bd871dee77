/** Renders `chainrule eval` results as text or JSON. */
import type { Program } from '../graph/program.js';
import type { Evaluation } from '../numeric/evaluate.js';
import { formatValue } from '../explain/format.js';

/** The value, or every binding's value when the program has bindings. */
export function renderEval(program: Program, evaluation: Evaluation, format: 'text' | 'json'): string {
  if (format === 'json') {
    return JSON.stringify({ value: evaluation.value, bindings: Object.fromEntries(evaluation.bindings.map((b) => [b.name, b.value])) }, null, 2);
  }
  const lines = evaluation.bindings.map((b) => `${b.name} = ${formatValue(b.value)}`);
  if (!program.outputName) lines.push(formatValue(evaluation.value));
  return lines.join('\n');
}
