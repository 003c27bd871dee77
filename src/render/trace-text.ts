/** Renders a trace for the terminal: the forward pass, the backward pass gate by gate, the checked gradient. */
import { incoming, outgoing, PATTERN_MEANING, traceNotes, type Trace, type TraceEdge, type TraceNode } from '../explain/trace.js';
import { formatDigits, partialLabel } from '../explain/format.js';
import { checkSummary } from '../explain/check-summary.js';

/** Options of the text trace. */
export interface TraceTextOptions {
  /** Significant digits of the numbers shown (default 6). */
  readonly digits?: number;
  /** Gates shown in each pass before the rest is elided (default 40; 0 shows all). */
  readonly limit?: number;
}

/** The source shown in the title is cut after this many characters (a large expression is in --file, not on screen). */
const TITLE_LENGTH = 200;
/** A copy gate's sum shows this many terms before the rest is elided. */
const SUM_TERMS = 12;

/** The trace as plain text. */
export function renderTraceText(trace: Trace, options: TraceTextOptions = {}): string {
  const digits = options.digits ?? 6;
  const limit = options.limit ?? 40;
  const number = (value: number) => formatDigits(value, digits);
  const out = trace.output;
  const byId = new Map(trace.nodes.map((node) => [node.id, node]));
  const at = Object.entries(trace.point).map(([name, value]) => `${name} = ${number(value)}`).join(', ');
  const source = trace.program.source.trim().split('\n').join('; ');
  const shortened = source.length > TITLE_LENGTH ? `${source.slice(0, TITLE_LENGTH)} … (${source.length} characters)` : source;
  const title = trace.program.bindings.length > 0 || shortened.includes('=') ? shortened : `${out} = ${shortened}`; // a source with bindings or definitions says itself what it computes
  const lines: string[] = [`${title}${at ? `   at ${at}` : ''}`, ''];

  if (trace.nodes.length === 0) {
    // a constant: no node depends on a variable, so there is nothing to trace
    lines.push(`${out} = ${number(trace.check.value)}: a constant (it depends on no variable), so there is no gate to trace`);
  } else {
    lines.push('Forward pass: every node in evaluation order');
    const width = Math.max(...trace.nodes.map((node) => node.name.length));
    const exprWidth = Math.min(40, Math.max(0, ...trace.nodes.filter((node) => node.op !== 'var').map((node) => node.expr.length)));
    const forward = trace.nodes.map((node) =>
      node.op === 'var'
        ? `  ${node.name.padEnd(width)} = ${number(node.value)}`
        : `  ${node.name.padEnd(width)} = ${node.expr.padEnd(exprWidth)} = ${number(node.value)}${node.id === out ? '   (output)' : ''}`,
    );
    lines.push(...elide(forward, limit, 'nodes (--limit 0 shows all)'), '');

    lines.push('Backward pass: at every gate, downstream = upstream × local');
    const gates = [...trace.nodes].reverse().filter((node) => node.op !== 'var');
    const backward = gates.map((gate) => gateLines(trace, gate, byId, number));
    lines.push(...elide(backward, limit, 'gates (--limit 0 shows all; --format json gives every edge)').flatMap((gate) => (typeof gate === 'string' ? [gate] : gate)));
  }
  const partials = new Map(trace.check.partials.map((partial) => [partial.variable, partial]));
  const gradient = Object.entries(trace.gradient);
  if (gradient.length > 0) {
    lines.push('', 'Gradient');
    for (const [variable, value] of gradient) {
      const node = byId.get(variable);
      const sum = node ? copySum(trace, node, number) : '';
      const skipped = partials.get(variable)?.skipped;
      lines.push(`  ${partialLabel(out, variable)} = ${sum}${number(value)}${sum ? COPY_NOTE : ''}${skipped ? `   (finite differences not used: ${skipped})` : ''}`);
    }
    lines.push(checkSummary(trace.check));
  }
  lines.push(...traceNotes(trace).map((note) => `note: ${note}`));
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
  const terms = into.map((edge) => `${number(edge.downstream)} (from ${edge.to})`);
  const shown = terms.length > SUM_TERMS ? [...terms.slice(0, SUM_TERMS - 2), `… ${terms.length - SUM_TERMS + 1} more terms`, terms[terms.length - 1]!] : terms;
  return `${shown.join(' + ')} = `;
}

/** The first and last items of a long list, with a line saying how many were left out. */
function elide<T>(items: readonly T[], limit: number, what: string): (T | string)[] {
  if (limit <= 0 || items.length <= limit) return [...items];
  const head = Math.ceil(limit / 2);
  const tail = limit - head;
  return [...items.slice(0, head), `  … ${items.length - limit} more ${what}`, ...items.slice(items.length - tail)];
}
