/**
 * A trace as a Graphviz circuit diagram, drawn like a lecture slide: inputs on the left, the output on the right, every
 * wire labelled with its forward value (green, above the wire) and its gradient (red, below the wire).
 */
import type { Trace, TraceNode } from '../explain/trace.js';
import type { NodeId } from '../graph/graph.js';
import { printText } from '../symbolic/print.js';
import { formatDigits, partialLabel } from '../explain/format.js';
import { escapeHtml } from './html.js';

/** Options of the circuit diagram. */
export interface TraceDotOptions {
  /** Significant digits of the values and gradients shown (default 4). */
  readonly digits?: number;
  /** A line added to the legend (for example, that earlier gates are not drawn). */
  readonly note?: string;
}

const VALUE_COLOR = '#1a7f37';
const GRADIENT_COLOR = '#c62828';
const WIRE_COLOR = '#444444';
const CAPTION_COLOR = '#555555';
const FONT = 'Helvetica';
const SYMBOL_SIZE = 16;
const GATE_HEIGHT = 28;
const NUMBER_SIZE = 11;

/** Graphviz DOT source of the trace's computational graph (rankdir LR, HTML-like labels). */
export function traceDot(trace: Trace, options: TraceDotOptions = {}): string {
  const digits = options.digits ?? 4;
  if (!Number.isInteger(digits) || digits < 1 || digits > 17) throw new RangeError(`digits must be a whole number from 1 to 17 (got ${digits})`);
  const number = (value: number) => readableNumber(formatDigits(value, digits));
  const dotId = new Map(trace.nodes.map((node, i) => [node.id, `n${i}`]));
  const consumers = new Map<string, number>();
  for (const edge of trace.edges) consumers.set(edge.from, (consumers.get(edge.from) ?? 0) + 1);
  const copied = (node: TraceNode) => (consumers.get(node.id) ?? 0) > 1;
  const lines = [
    'digraph trace {',
    `  graph [rankdir=LR, ranksep=0.3, nodesep=0.12, fontname="${FONT}", fontsize=11, labelloc=b, labeljust=l, label=<${legend(trace.output, trace.nodes.some(copied), options.note)}>];`,
    `  node [fontname="${FONT}"];`,
    `  edge [color="${WIRE_COLOR}", arrowsize=0.6, penwidth=1];`,
  ];

  // where a node's wires start: its right side, or the copy point after it when it feeds several gates
  const wireStart = new Map<string, string>();
  trace.nodes.forEach((node, i) => {
    const id = dotId.get(node.id)!;
    const side = `${id}:${node.op === 'var' ? 'name' : 'gate'}:e`;
    lines.push(`  ${id} [shape=plain, label=<${node.op === 'var' ? inputLabel(node) : gateLabel(trace, node)}>];`);
    if (!copied(node)) {
      wireStart.set(node.id, side);
      return;
    }
    // a copy gate: one wire carries the node's total gradient to a point where the wires to its consumers branch off
    lines.push(`  c${i} [shape=plain, label=<${COPY_POINT}>];`);
    lines.push(...wire(`s${i}`, side, `c${i}:point`, number(node.value), number(node.grad), false));
    wireStart.set(node.id, `c${i}:point`);
  });

  // wires in the order of the gates they feed, first argument first, so that a gate's inputs tend to read top to bottom
  const position = new Map(trace.nodes.map((node, i) => [node.id, i]));
  const edges = [...trace.edges].sort((a, b) => position.get(a.to)! - position.get(b.to)! || a.input - b.input);
  edges.forEach((edge, i) => {
    const value = trace.nodes[position.get(edge.from)!]!.value;
    lines.push(...wire(`w${i}`, wireStart.get(edge.from)!, `${dotId.get(edge.to)}:gate:w`, number(value), number(edge.downstream), true));
  });

  const output = trace.nodes.find((node) => node.id === trace.output);
  if (output) {
    lines.push(`  out [shape=plain, label=<<table border="0" cellpadding="2"><tr><td>${nameText(trace.output)}</td></tr></table>>];`);
    lines.push(...wire('wout', wireStart.get(output.id)!, 'out', number(output.value), number(output.grad), true));
  } else {
    // a constant: no wires, only its value
    lines.push(`  out [shape=plain, label=<${nameText(`${trace.output} = ${number(trace.check.value)}`)}>];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** A dot where a wire branches, with a margin that keeps other wires from passing through it. */
const COPY_POINT =
  '<table border="0" cellspacing="8" cellpadding="0"><tr><td port="point" fixedsize="true" width="7" height="7">' +
  `<table style="rounded" border="1" color="${WIRE_COLOR}" bgcolor="${WIRE_COLOR}" fixedsize="true" width="7" height="7" cellpadding="0" cellspacing="0"><tr><td></td></tr></table>` +
  '</td></tr></table>';

/** The symbol on a gate, with its constants folded in: `1/2*q` is "× 1/2", `q^2` is "^2", `1 - q` is "1 − ·". */
export function gateSymbol(trace: Trace, node: TraceNode): string {
  const { graph } = trace.program;
  const varying = new Set<NodeId>(trace.nodes.map((n) => n.node));
  const args = graph.node(node.node).inputs.map((id) => (varying.has(id) ? undefined : readableNumber(printText(graph, id))));
  const constants = args.filter((arg): arg is string => arg !== undefined);
  const placeholders = args.map((arg) => arg ?? '·');
  if (node.op === 'neg') return '× −1';
  if (node.op === 'pow') {
    const [base, exponent] = args;
    if (base === undefined && exponent !== undefined) return `^${/^−?[0-9]+$/.test(exponent) ? exponent : `(${exponent})`}`;
    return base === undefined ? '^' : `${base}^·`;
  }
  const operator = OPERATORS[node.op];
  if (operator !== undefined) {
    if (constants.length === 0) return operator;
    // a commutative op, or a constant on the right: "× 1/2", "− 3"; a constant on the left of − or ÷: "1 − ·"
    if (COMMUTATIVE.has(node.op) || args[0] === undefined) return `${operator} ${constants.join(` ${operator} `)}`;
    return placeholders.join(` ${operator} `);
  }
  const name = FUNCTION_SYMBOLS[node.op] ?? node.op;
  return constants.length === 0 ? name : `${name}(${placeholders.join(', ')})`;
}

const OPERATORS: Readonly<Record<string, string>> = { add: '+', sub: '−', mul: '×', div: '÷' };
const COMMUTATIVE = new Set(['add', 'mul']);
const FUNCTION_SYMBOLS: Readonly<Record<string, string>> = { sigmoid: 'σ', sqrt: '√', abs: '|·|' };

/** A wire from `from` to `to` through its label node, which holds the value above the line and the gradient below. */
function wire(id: string, from: string, to: string, value: string, gradient: string, arrow: boolean): string[] {
  // the line is at least as wide as the numbers; it runs 2pt past the port on each side, because Graphviz may end a
  // wire up to 1pt short of the port's edge
  const width = Math.max(24, Math.ceil(Math.max(textWidth(value, NUMBER_SIZE), textWidth(gradient, NUMBER_SIZE))) + 4);
  const number = (text: string, color: string) => `<tr><td colspan="3"><font point-size="${NUMBER_SIZE}" color="${color}">${escapeHtml(text)}</font></td></tr>`;
  const overhang = `<td width="2" height="1" cellpadding="0" bgcolor="${WIRE_COLOR}"></td>`;
  const label =
    '<table border="0" cellborder="0" cellspacing="0" cellpadding="1">' +
    number(value, VALUE_COLOR) +
    `<tr>${overhang}<td port="line" width="${width}" height="1" cellpadding="0" bgcolor="${WIRE_COLOR}"></td>${overhang}</tr>` +
    number(gradient, GRADIENT_COLOR) +
    '</table>';
  // the heavy second half keeps the label just before the wire's end, straight, so that it reads as that gate's input
  return [`  ${id} [shape=plain, label=<${label}>];`, `  ${from} -> ${id}:line:w [arrowhead=none];`, `  ${id}:line:e -> ${to} [weight=8${arrow ? '' : ', arrowhead=none'}];`];
}

/** An input variable: its name as plain text. */
function inputLabel(node: TraceNode): string {
  return `<table border="0" cellborder="0" cellspacing="0" cellpadding="1"><tr><td port="name" cellpadding="3">${nameText(node.name)}</td></tr></table>`;
}

/** A gate: its symbol in a rounded box (where wires attach), its name and expression underneath. */
function gateLabel(trace: Trace, node: TraceNode): string {
  const symbol = gateSymbol(trace, node);
  const width = Math.max(34, Math.ceil(textWidth(symbol, SYMBOL_SIZE)) + 14);
  const caption = `<font point-size="10" color="${CAPTION_COLOR}">${escapeHtml(`${node.name} = ${readableExpression(node.expr)}`)}</font>`;
  // a fixed-size box, or Graphviz would stretch it to the caption's width
  const box =
    `<table border="1" style="rounded" cellborder="0" cellpadding="0" cellspacing="0" bgcolor="#f4f4f4" fixedsize="true" width="${width + 2}" height="${GATE_HEIGHT + 2}">` +
    `<tr><td port="gate" fixedsize="true" width="${width}" height="${GATE_HEIGHT}"><font point-size="${SYMBOL_SIZE}">${escapeHtml(symbol)}</font></td></tr></table>`;
  return `<table border="0" cellborder="0" cellspacing="0" cellpadding="1"><tr><td>${box}</td></tr><tr><td>${caption}</td></tr></table>`;
}

function nameText(name: string): string {
  return `<font point-size="16">${escapeHtml(name)}</font>`;
}

/** The legend under the picture: which colour is which, and (when there are copies) how they add up. */
function legend(output: string, copies: boolean, note?: string): string {
  const lines = [
    `<font color="${VALUE_COLOR}">green, above a wire: the value it carries (forward pass)</font>`,
    `<font color="${GRADIENT_COLOR}">red, below a wire: its gradient ${escapeHtml(partialLabel(output, '·'))} (backward pass)</font>`,
  ];
  if (copies) lines.push(`<font color="${CAPTION_COLOR}">• a copy: the gradients of the wires after it add up to the gradient of the wire before it</font>`);
  if (note) lines.push(`<font color="${CAPTION_COLOR}">${escapeHtml(note)}</font>`);
  return lines.map((line) => `${line}<br align="left"/>`).join('');
}

/**
 * Width of Helvetica text in points, never less than Graphviz's own estimate (which counts each byte of a character
 * such as − or σ as a space), so that boxes sized with it hold their text.
 */
function textWidth(text: string, size: number): number {
  const em = (char: string) => (char.charCodeAt(0) > 127 ? 0.85 : /[0-9]/.test(char) ? 0.56 : /[il.,:;()|' ]/.test(char) ? 0.3 : /[mwMW]/.test(char) ? 0.85 : 0.6);
  return [...text].reduce((sum, char) => sum + em(char), 0) * size;
}

/** A real minus sign in a number. */
function readableNumber(text: string): string {
  return text.replace(/-/g, '−');
}

/** An expression as printed on slides: real minus signs and a centred dot for ×. */
function readableExpression(text: string): string {
  return text.replace(/-/g, '−').replace(/\*/g, '·');
}
