/** Renders matrix-form derivatives (`chainrule diff` on a tensor program) as text, LaTeX or JSON. */
import type { NodeId } from '../graph/graph.js';
import type { MatrixDiff, MatrixResult } from '../check/matrix-diff.js';
import { formatError } from '../explain/format.js';
import { printMatrix, printMatrixLatex } from '../matrix/print.js';
import { texName } from '../symbolic/print.js';
import { axesNamed, type TensorShape } from '../tensor/shape.js';
import type { DiffFormat } from './diff.js';

/** The rendered derivatives. */
export function renderMatrixDiff(result: MatrixDiff, format: DiffFormat): string {
  const printer = printers(result);
  const lines = result.results.map((entry) => ({ entry, label: label(result, entry), latexLabel: latexLabel(result, entry) }));
  const intermediates = result.intermediates.map((entry) => ({ entry, label: label(result, entry), latexLabel: latexLabel(result, entry) }));
  if (format === 'json') {
    const text = (entry: MatrixResult) => (entry.expr === undefined ? null : printer.text(entry.expr, entry));
    return JSON.stringify(
      {
        function: printer.text(result.output.node),
        output: { name: result.output.name, shape: shapeList(result.output.shape) },
        layout: result.layout,
        ...(result.upstream ? { upstream: result.upstream.name } : {}),
        variables: result.results.map((entry) => entry.name),
        derivatives: Object.fromEntries(result.results.map((entry) => [entry.name, text(entry)])),
        latex: Object.fromEntries(result.results.map((entry) => [entry.name, entry.expr === undefined ? null : printer.latex(entry.expr, entry)])),
        forms: Object.fromEntries(result.results.map((entry) => [entry.name, entry.form])),
        shapes: Object.fromEntries(result.results.map((entry) => [entry.name, shapeList(shapeOfResult(result, entry))])),
        intermediates: intermediates.map(({ entry, label: name }) => ({ name, of: entry.name, text: text(entry), latex: printer.latex(entry.expr!, entry), shape: shapeList(entry.shape) })),
        verified: verifiedJson(result),
        notes: notes(result),
      },
      null,
      2,
    );
  }
  const verdict = verificationLine(result);
  if (format === 'latex') {
    const out = [`${texName(result.output.name)} = ${printer.latex(result.output.node)}`];
    for (const { entry, latexLabel: name } of [...intermediates, ...lines]) {
      out.push(entry.expr === undefined ? `% ${name}: no matrix form (see the notes)` : `${name} = ${printer.latex(entry.expr, entry)} % ${shapeNote(result, entry)}`);
    }
    return [...out, `% ${verdict}`, ...notes(result).map((note) => `% ${note}`)].join('\n');
  }
  const rows = [...intermediates, ...lines].map(({ entry, label: name }) => ({ formula: `${name} = ${entry.expr === undefined ? '(no matrix form: see the notes)' : printer.text(entry.expr, entry)}`, shape: shapeNote(result, entry) }));
  const width = Math.min(60, Math.max(0, ...rows.map((row) => [...row.formula].length)));
  const out = [`${result.output.name} = ${printer.text(result.output.node)}`];
  if (result.upstream || result.layout === 'numerator') out.push(layoutLine(result));
  for (const row of rows) out.push(`${row.formula}${' '.repeat(Math.max(2, width + 3 - [...row.formula].length))}${row.shape}`);
  out.push(verdict, ...notes(result).map((note) => `note: ${note}`));
  return out.join('\n');
}

/** Printers with the program's bindings and the shown intermediates' adjoints written by their names. */
function printers(result: MatrixDiff) {
  const { matrix } = result.tensor;
  const textNames = new Map<NodeId, string>([...matrix.bindings].map(([name, node]) => [node, name]));
  const latexNames = new Map<NodeId, string>([...matrix.bindings].map(([name, node]) => [node, texName(name)]));
  for (const entry of result.intermediates) {
    if (textNames.has(entry.expr!)) continue;
    textNames.set(entry.expr!, label(result, entry));
    latexNames.set(entry.expr!, latexLabel(result, entry));
  }
  // a result equal to a shown intermediate is written by its name (∂L/∂b1 = ∂L/∂z1); the intermediate itself is not
  const own = (expr: NodeId, entry?: MatrixResult) => entry !== undefined && !entry.input && result.intermediates.includes(entry) && result.intermediates.find((shown) => shown.expr === expr) === entry;
  return {
    text: (expr: NodeId, entry?: MatrixResult) => (!own(expr, entry) && textNames.has(expr) && textNames.get(expr)!.startsWith('∂') ? textNames.get(expr)! : printMatrix(matrix.matrices, expr, textNames)),
    latex: (expr: NodeId, entry?: MatrixResult) => (!own(expr, entry) && latexNames.has(expr) && latexNames.get(expr)!.startsWith('\\frac') ? latexNames.get(expr)! : printMatrixLatex(matrix.matrices, expr, latexNames)),
  };
}

function label(result: MatrixDiff, entry: MatrixResult): string {
  const base = `∂${result.output.name}/∂${entry.name}`;
  return entry.form === 'applied' ? `${base} applied to ${result.upstream!.name}` : base;
}

function latexLabel(result: MatrixDiff, entry: MatrixResult): string {
  const base = `\\frac{\\partial ${texName(result.output.name)}}{\\partial ${texName(entry.name)}}`;
  return entry.form === 'applied' ? `${base} ${texName(result.upstream!.name)}` : base;
}

/** The shape of what a result prints. */
function shapeOfResult(result: MatrixDiff, entry: MatrixResult): TensorShape | undefined {
  if (entry.expr !== undefined) return result.tensor.matrix.matrices.shape(entry.expr);
  return entry.shape;
}

/** `(4, 3), shaped like W`, and what a Jacobian is. */
function shapeNote(result: MatrixDiff, entry: MatrixResult): string {
  const shape = shapeOfResult(result, entry);
  const dims = shapeText(shape);
  switch (entry.form) {
    case 'gradient':
      if (!entry.shape) return `${dims}, a number`;
      return result.layout === 'numerator' ? `${dims}, shaped like ${entry.name}ᵀ (numerator layout)` : `${dims}, shaped like ${entry.name}`;
    case 'jacobian':
      return `${dims}, ${result.layout} layout`;
    case 'applied': {
      const axes = [...axesNamed(result.output.shape), ...axesNamed(entry.shape)];
      return `${dims}, shaped like ${entry.name}; ∂${result.output.name}/∂${entry.name} itself is a ${axes.join(' × ')} array, never formed`;
    }
  }
}

function shapeText(shape: TensorShape | undefined): string {
  return shape ? `(${shape.rowsName ?? shape.rows}, ${shape.colsName ?? shape.cols})` : '(1, 1)';
}

function shapeList(shape: TensorShape | undefined): (number | string)[] {
  return shape ? [shape.rowsName ?? shape.rows, shape.colsName ?? shape.cols] : [];
}

function layoutLine(result: MatrixDiff): string {
  const f = result.output.name;
  if (result.layout === 'numerator') return `Layout: numerator: ∂${f}/∂x has a row for each entry of ${f} and a column for each entry of x (for a scalar ${f}, the gradient transposed)`;
  return `Layout: denominator: ∂${f}/∂x has a row for each entry of x and a column for each entry of ${f} (for a scalar ${f}, shaped like x)`;
}

function verificationLine(result: MatrixDiff): string {
  const { check, entries } = result;
  const where = `${check.points} random input${check.points === 1 ? '' : 's'} of the declared sizes`;
  const referee = entries && entries.compared > 0 ? `; entry by entry, the scalar graph's symbolic, reverse-mode and finite-difference derivatives agree with it (${entries.compared} entries)` : check.loweredEntries > 0 ? `; entry by entry, the scalar graph's reverse mode agrees with it (${check.loweredEntries} entries)` : '';
  if (result.results.every((entry) => entry.expr === undefined)) return '? nothing in matrix form to check';
  if (result.agree) {
    const shortfall = check.problem ? ` (${check.problem})` : '';
    return `✓ checked at ${where}: the matrix form, reverse mode (the ops' own VJPs) and finite differences along ${check.directions} random direction${check.directions === 1 ? '' : 's'} agree${referee}${shortfall}`;
  }
  if (check.points === 0) return `? not checked: ${check.problem ?? 'no random input could be used'}`;
  if (check.agree && !entries!.verification.agree) return "✗ NOT verified: on the scalar graph, the entries' symbolic, reverse-mode and finite-difference derivatives disagree";
  if (check.agree) return `✗ NOT verified: the scalar graph's entries differ from the matrix form by ${formatError(entries!.worst)}`;
  return `✗ NOT verified: ${check.problem}`;
}

function verifiedJson(result: MatrixDiff) {
  const { check, entries } = result;
  return {
    agree: result.agree,
    points: check.points,
    directions: check.directions,
    entries_compared: entries?.compared ?? check.loweredEntries,
    max_relative_error: {
      symbolic_vs_reverse: check.symbolicVsReverse,
      vs_finite_difference: check.vsFinite,
      vs_entries: Math.max(check.vsLowered, entries?.worst ?? 0),
    },
    ...(check.problem ? { problem: check.problem } : {}),
  };
}

function notes(result: MatrixDiff): string[] {
  const f = result.output.name;
  return [
    ...result.absent.map((name) => `${f} does not depend on ${name}, so its derivative by ${name} is 0`),
    ...result.results.filter((entry) => entry.missing !== undefined).map((entry) => `∂${f}/∂${entry.name} goes through ${entry.missing}, which has no matrix-form rule: --entries gives it entry by entry`),
    ...(result.upstream ? [`${result.upstream.name} is an upstream column shaped like ${f}, ${shapeText(result.output.shape)}: a Jacobian applied to it is the vector-Jacobian product reverse mode computes`] : []),
  ];
}
