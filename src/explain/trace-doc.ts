/** A trace as document blocks (forward table, backward table, copy-gate sums, gradient, check) for Markdown, HTML and LaTeX. */
import { checkSummary } from './check-summary.js';
import { formatDigits, valueLatex } from './format.js';
import { texName } from '../symbolic/print.js';
import { math, paragraph, text, type Block, type Inline } from './document.js';
import { incoming, outgoing, PATTERN_MEANING, traceNotes, type Trace, type TraceNode } from './trace.js';

/** Options of the trace blocks. */
export interface TraceBlockOptions {
  /** Significant digits of the numbers shown (default 6). */
  readonly digits?: number;
  /** Rows shown in each table before the rest is elided (default 60; 0 shows all). */
  readonly limit?: number;
  /** Heading level of the sections (default 2). */
  readonly level?: 1 | 2 | 3;
}

/** A copy gate's sum shows this many terms before the rest is elided. */
const SUM_TERMS = 12;

/** ∂out/∂name in LaTeX. */
export function partialTex(out: string, name: string): string {
  return `\\frac{\\partial ${texName(out)}}{\\partial ${texName(name)}}`;
}

/** The blocks of a trace. */
export function traceBlocks(trace: Trace, options: TraceBlockOptions = {}): Block[] {
  const digits = options.digits ?? 6;
  const limit = options.limit ?? 60;
  const level = options.level ?? 2;
  const number = (value: number) => formatDigits(value, digits);
  const numberTex = (value: number) => valueLatex(number(value));
  const factorTex = (value: number) => (value < 0 ? `\\left(${numberTex(value)}\\right)` : numberTex(value));
  const out = trace.output;
  const byId = new Map(trace.nodes.map((node) => [node.id, node]));
  const blocks: Block[] = [];

  const point = Object.entries(trace.point);
  if (point.length > 0) {
    blocks.push(paragraph(text('At '), ...joined(point.map(([name, value]) => math(`${texName(name)} = ${numberTex(value)}`, `${name} = ${number(value)}`))), text('.')));
  }

  if (trace.nodes.length === 0) {
    // a constant: no node depends on a variable, so there is nothing to trace
    blocks.push(paragraph(math(`${texName(out)} = ${numberTex(trace.check.value)}`, `${out} = ${number(trace.check.value)}`), text(': a constant (it depends on no variable), so there is no gate to trace.')));
  } else {
    blocks.push({ kind: 'heading', level, text: 'Forward pass' });
    const forwardRows = trace.nodes.map((node) => [
      [math(texName(node.name), node.name)],
      node.op === 'var' ? [text('input')] : [math(node.latex, node.expr)],
      [math(numberTex(node.value), number(node.value))],
    ]);
    blocks.push({ kind: 'table', header: [[text('node')], [text('computed as')], [text('value')]], rows: elideRows(forwardRows, limit, 3), numeric: [false, false, true] });

    blocks.push({ kind: 'heading', level, text: 'Backward pass' });
    blocks.push(paragraph(text('At every gate, going from the output back to the inputs: downstream gradient = upstream gradient × local gradient.')));
    const gates = [...trace.nodes].reverse().filter((node) => node.op !== 'var');
    const backwardRows = gates.flatMap((gate) =>
      outgoing(trace, gate.id).map((edge, i) => {
        const localNumber = number(edge.local);
        const localSymbolic = edge.localExpr === localNumber ? '' : `${edge.localLatex} = `;
        return [
          // the gate and its pattern are written on its first row only
          i === 0 ? [math(`${texName(gate.name)} = ${gate.latex}`, `${gate.name} = ${gate.expr}`)] : [],
          i === 0 && gate.pattern ? [text(`${gate.pattern}: ${PATTERN_MEANING[gate.pattern]}`)] : [],
          [math(texName(edge.from), edge.from)],
          [math(`${partialTex(out, gate.name)} = ${numberTex(edge.upstream)}`, `∂${out}/∂${gate.name} = ${number(edge.upstream)}`)],
          [math(`${partialTex(gate.name, edge.from)} = ${localSymbolic}${numberTex(edge.local)}`, `∂${gate.name}/∂${edge.from} = ${edge.localExpr === localNumber ? '' : `${edge.localExpr} = `}${localNumber}`)],
          [math(`${factorTex(edge.upstream)} \\times ${factorTex(edge.local)} = ${numberTex(edge.downstream)}`, `${number(edge.upstream)} × ${localNumber} = ${number(edge.downstream)}`)],
        ];
      }),
    );
    blocks.push({
      kind: 'table',
      header: [[text('gate')], [text('pattern')], [text('input')], [text('upstream')], [text('local')], [text('downstream')]],
      rows: elideRows(backwardRows, limit, 6),
    });

    const copies = trace.nodes.filter((node) => incoming(trace, node.id).length > 1);
    if (copies.length > 0) {
      blocks.push(paragraph(text('Copy gates add: a node that feeds several gates gets the sum of their downstream gradients.')));
      const items = copies.map((node) => [copySum(trace, node, number, numberTex)]);
      blocks.push({ kind: 'list', items: elideRows(items.map((item) => [item]), limit, 1).map((row) => row[0] ?? []) });
    }
  }

  const gradient = Object.entries(trace.gradient);
  if (gradient.length > 0) {
    blocks.push({ kind: 'heading', level, text: 'Gradient' });
    blocks.push({
      kind: 'math',
      lines: gradient.map(([variable, value]) => {
        const node = byId.get(variable);
        const symbolic = node?.gradLatex !== undefined && node.gradExpr !== number(value) ? `${node.gradLatex} = ` : '';
        const symbolicText = node?.gradExpr !== undefined && node.gradExpr !== number(value) ? `${node.gradExpr} = ` : '';
        return { tex: `${partialTex(out, variable)} &= ${symbolic}${numberTex(value)}`, text: `∂${out}/∂${variable} = ${symbolicText}${number(value)}` };
      }),
    });
    blocks.push(paragraph(text(checkSummary(trace.check))));
    for (const partial of trace.check.partials) {
      if (partial.skipped) blocks.push(paragraph(text('Finite differences were not used for '), math(partialTex(out, partial.variable), `∂${out}/∂${partial.variable}`), text(`: ${partial.skipped}.`)));
    }
  }
  for (const note of traceNotes(trace)) blocks.push(paragraph(text(`Note: ${note}.`)));
  return blocks;
}

function copySum(trace: Trace, node: TraceNode, number: (value: number) => string, numberTex: (value: number) => string): Inline {
  const all = incoming(trace, node.id);
  // a node read by thousands of gates: the first terms and the last, not a line of megabytes
  const into = all.length > SUM_TERMS ? [...all.slice(0, SUM_TERMS - 2), undefined, all[all.length - 1]!] : all;
  const more = all.length - SUM_TERMS + 1;
  const tex = `${partialTex(trace.output, node.name)} = ${into.map((edge) => (edge ? `\\underbrace{${numberTex(edge.downstream)}}_{\\text{from } ${texName(edge.to)}}` : `\\cdots_{\\text{${more} more terms}}`)).join(' + ')} = ${numberTex(node.grad)}`;
  const plain = `∂${trace.output}/∂${node.name} = ${into.map((edge) => (edge ? `${number(edge.downstream)} (from ${edge.to})` : `… ${more} more terms`)).join(' + ')} = ${number(node.grad)}`;
  return math(tex, plain);
}

/** Inline pieces separated by commas. */
function joined(pieces: readonly Inline[]): Inline[] {
  return pieces.flatMap((piece, i) => (i === 0 ? [piece] : [text(', '), piece]));
}

/** The first and last rows of a long table, with a row saying how many were left out. */
function elideRows<T extends readonly (readonly Inline[])[]>(rows: readonly T[], limit: number, columns: number): (readonly (readonly Inline[])[])[] {
  if (limit <= 0 || rows.length <= limit) return [...rows];
  const head = Math.ceil(limit / 2);
  const tail = limit - head; // slice(-0) would be every row
  const gap = [[text(`… ${rows.length - limit} more rows`)], ...Array.from({ length: columns - 1 }, () => [])];
  return [...rows.slice(0, head), gap, ...rows.slice(rows.length - tail)];
}
