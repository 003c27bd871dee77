/** Renders a shapes report: a table of nodes, shapes and gradient shapes, then each local Jacobian and its chain rule. */
import type { Dims, ShapesReport } from '../explain/shapes.js';

/** `(4, 3)` */
export function dimsText(dims: Dims): string {
  return `(${dims[0]}, ${dims[1]})`;
}

/** The report as text. */
export function renderShapesText(report: ShapesReport): string {
  const width = Math.max(...report.rows.map((row) => row.name.length));
  const exprWidth = Math.min(36, Math.max(...report.rows.map((row) => row.expr.length)));
  const output = report.output ?? 'L';
  const lines = [`Layout: ${report.rule}.`, '', `${'node'.padEnd(width)}  ${'definition'.padEnd(exprWidth)}  shape     ∂${output}/∂node`];
  for (const row of report.rows) {
    lines.push(`${row.name.padEnd(width)}  ${row.expr.padEnd(exprWidth)}  ${dimsText(row.shape).padEnd(8)}  ${dimsText(row.gradient)}`);
  }
  lines.push('', `Local Jacobians and the chain rule, from ${report.output ? `the output ${output}` : 'the loss'} back:`);
  for (const row of [...report.rows].reverse()) {
    for (const local of row.locals) {
      const shape = local.shape ? ` ${dimsText(local.shape)}` : '';
      lines.push(`  ∂${row.name}/∂${local.input}${shape}: ${local.what}`, `      ${local.chain}`);
    }
  }
  return lines.join('\n');
}

/** The report as JSON. */
export function shapesJson(report: ShapesReport): object {
  return {
    layout: report.layout,
    rule: report.rule,
    ...(report.output ? { output: report.output } : {}),
    nodes: report.rows.map((row) => ({
      name: row.name,
      expr: row.expr,
      shape: row.shape,
      gradient: row.gradient,
      jacobians: row.locals.map((local) => ({ input: local.input, shape: local.shape ?? null, what: local.what, chain: local.chain })),
    })),
  };
}
