/** Renders a trace for the terminal: the forward pass, the backward pass gate by gate, the checked gradient. */
import { incoming, outgoing, PATTERN_MEANING, type Trace, type TraceEdge, type TraceNode } from '../explain/trace.js';
import { formatDigits, partialLabel } from './format.js';
import { checkSummary } from './grad.js';

/** Options of the text trace. */
export interface TraceTextOptions {
  /** Significant digits of the numbers shown (default 6). */
  readonly digits?: number;
  /** Gates shown in each pass before the rest is elided (default 40; 0 shows all). */
  readonly limit?: number;
}

/** The trace as plain text. */
export function renderTraceText(trace: Trace, options: TraceTextOptions = {}): string {
  const digits = options.digits ?? 6;
  const limit = options.limit ?? 40;
  const number = (value: number) => formatDigits(value, digits);
  const out = trace.output;
  const byId = new Map(trace.nodes.map((node) => [node.id, node]));
  const at = Object.entries(trace.point).map(([name, value]) => `${name} = ${number(value)}`).join(', ');
  const source = trace.program.source.trim().split('\n').join('; ');
  const title = trace.program.bindings.length > 0 ? source : `${out} = ${source}`;
  const lines: string[] = [`${title}${at ? `   at ${at}` : ''}`, ''];

  lines.push('Forward pass: every node in evaluation order');
  const width = Math.max(...trace.nodes.map((node) => node.name.length));
  const exprWidth = Math.min(40, Math.max(0, ...trace.nodes.filter((node) => node.op !== 'var').map((node) => node.expr.length)));
  const forward = trace.nodes.map((node) =>
    node.op === 'var'
      ? `  ${node.name.padEnd(width)} = ${number(node.value)}`
      : `  ${node.name.padEnd(width)} = ${node.expr.padEnd(exprWidth)} = ${number(node.value)}${node.id === out ? '   (output)' : ''}`,
  );
  lines.push(...elide(forward, limit, 'nodes'), '');

  lines.push('Backward pass: at every gate, downstream = upstream × local');
  const gates = [...trace.nodes].reverse().filter((node) => node.op !== 'var');
  const backward = gates.map((gate) => gateLines(trace, gate, byId, number));
  const shown = limit > 0 && backward.length > limit ? [...backward.slice(0, limit / 2), [`  … ${backward.length - limit} more gates (--limit 0 shows all; --format json gives every edge)`], ...backward.slice(-limit / 2)] : backward;
  lines.push(...shown.flat(), '');

  lines.push('Gradient');
  for (const [variable, value] of Object.entries(trace.gradient)) {
    const node = byId.get(variable);
    const sum = node ? copySum(trace, node, number) : '';
    lines.push(`  ${partialLabel(out, variable)} = ${sum}${number(value)}${sum ? COPY_NOTE : ''}`);
  }
  lines.push(checkSummary(trace.check), ...trace.check.kinkNotes.map((note) => `note: ${note}`));
  return lines.join('\n');
}

function gateLines(trace: Trace, gate: TraceNode, byId: ReadonlyMap<string, TraceNode>, number: (value: number) => string): string[] {
  const out = trace.output;
  const pattern = gate.pattern ? `   (${gate.pattern}: ${PATTERN_MEANING[gate.pattern]})` : '';
  const lines = [`  gate ${gate.name} = ${gate.expr}${pattern}`];
  const upstreamSymbol = partialLabel(out, gate.name);
  const symbolic = gate.id !== out && gate.gradExpr !== undefined && gate.gradExpr !== number(gate.grad) ? `${gate.gradExpr} = ` : '';
  lines.push(`    upstream ${upstreamSymbol} = ${copySum(trace, gate, number)}${symbolic}${number(gate.grad)}`);
  for (const edge of outgoing(trace, gate.id)) {
    const input = byId.get(edge.from)!;
    lines.push(`    to ${input.name}: ${edgeText(gate, edge, number)}`);
  }
  return lines;
}

function edgeText(gate: TraceNode, edge: TraceEdge, number: (value: number) => string): string {
  const localNumber = number(edge.local);
  const local = `local ∂${gate.name}/∂${edge.from} = ${edge.localExpr === localNumber ? '' : `${edge.localExpr} = `}${localNumber}`;
  return `${local};  downstream = ${number(edge.upstream)} × ${localNumber} = ${number(edge.downstream)}`;
}

const COPY_NOTE = '   (copy gate adds: the node feeds several gates)';

/** "a (from q) + b (from r) = " when a node feeds several gates: the copy gate adds their downstream gradients. */
function copySum(trace: Trace, node: TraceNode, number: (value: number) => string): string {
  const into = incoming(trace, node.id);
  if (into.length < 2) return '';
  return `${into.map((edge) => `${number(edge.downstream)} (from ${edge.to})`).join(' + ')} = `;
}

/** The first and last lines of a long list, with a line saying how many were left out. */
function elide(lines: readonly string[], limit: number, what: string): string[] {
  if (limit <= 0 || lines.length <= limit) return [...lines];
  const half = Math.floor(limit / 2);
  return [...lines.slice(0, half), `  … ${lines.length - 2 * half} more ${what} (--limit 0 shows all)`, ...lines.slice(-half)];
}
