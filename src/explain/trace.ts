/**
 * The chain rule at every gate, as a lecture writes it: a forward pass with every intermediate value, then a
 * backward pass where each edge gets downstream = upstream × local. The local derivatives are the ones the
 * symbolic differentiator recorded (its RuleSteps), never re-derived; the numbers come from the float64 tape,
 * and the final gradient is the cross-checked one.
 */
import { crossCheck, type CrossCheck, type CrossCheckOptions } from '../check/crosscheck.js';
import type { Program } from '../graph/program.js';
import type { NodeId } from '../graph/graph.js';
import { varyingNodes } from '../graph/varying.js';
import { requireValues } from '../numeric/evaluate.js';
import { Tape, type Point } from '../numeric/tape.js';
import { writtenSizeExceeds } from '../symbolic/share.js';
import { printLatex, printText, texName } from '../symbolic/print.js';
import { outputLabel } from './format.js';

/** How a gate passes gradients back, in the lectures' words (add distributes, mul swaps, max routes). */
export type GatePattern = 'add distributes' | 'subtract distributes, negating the second input' | 'negate flips the sign' | 'mul swaps' | 'mul by a constant scales' | 'max routes';

/** What each lecture pattern means, said once beside the gate. */
export const PATTERN_MEANING: Readonly<Record<GatePattern, string>> = {
  'add distributes': 'each input gets the upstream gradient unchanged',
  'subtract distributes, negating the second input': 'the first input gets the upstream gradient, the second its negative',
  'negate flips the sign': 'the input gets the upstream gradient negated',
  'mul swaps': 'each input gets the upstream gradient times the other input',
  'mul by a constant scales': 'the input gets the upstream gradient times the constant',
  'max routes': 'the larger input gets the upstream gradient, the other 0',
};

/** One node of the forward pass: a variable or a gate. */
export interface TraceNode {
  /** Unique name: the user's binding name, the variable's name, or q1, q2, … */
  readonly id: string;
  readonly name: string;
  /** The op (`var` for an input). */
  readonly op: string;
  /** The gate written in terms of its inputs' names (`x + y`, `q*z`); the name itself for an input. */
  readonly expr: string;
  /** The same in LaTeX. */
  readonly latex: string;
  /** Ids of the inputs that depend on a variable (constants are written into `expr`). */
  readonly inputs: readonly string[];
  readonly value: number;
  /** ∂output/∂node (the reverse-mode adjoint). */
  readonly grad: number;
  /** Whether the user named it (a binding or a variable). */
  readonly named: boolean;
  /** The lecture pattern of the gate, where one applies. */
  readonly pattern?: GatePattern;
  /** ∂output/∂node as an expression in the trace's names, when short enough to read. */
  readonly gradExpr?: string;
  readonly gradLatex?: string;
  /** The graph node (not part of the JSON). */
  readonly node: NodeId;
}

/** One edge from an input to a gate, traversed backwards: downstream = upstream × local. */
export interface TraceEdge {
  /** The input's id. */
  readonly from: string;
  /** The gate's id. */
  readonly to: string;
  /** Which argument of the gate `from` is (0-based). */
  readonly input: number;
  /** ∂to/∂from, the gate's local derivative, in numbers. */
  readonly local: number;
  /** ∂output/∂to. */
  readonly upstream: number;
  /** upstream × local: this edge's share of ∂output/∂from. */
  readonly downstream: number;
  /** The local derivative as the differentiator's rule gave it, in the trace's names. */
  readonly localExpr: string;
  readonly localLatex: string;
  /** The downstream gradient in the trace's names, when short enough to read. */
  readonly downstreamExpr?: string;
  readonly downstreamLatex?: string;
}

/** A whole trace at one point. */
export interface Trace {
  readonly program: Program;
  readonly point: Point;
  /** The output's id. */
  readonly output: string;
  /** Forward pass: varying nodes in evaluation order. */
  readonly nodes: readonly TraceNode[];
  /** Backward pass: edges in the order the backward pass visits them (gates from the output back). */
  readonly edges: readonly TraceEdge[];
  /** ∂output/∂variable, cross-checked. */
  readonly gradient: Readonly<Record<string, number>>;
  readonly check: CrossCheck;
  /** Variables asked for that the output does not depend on (their gradient is 0). */
  readonly absent: readonly string[];
}

/** Expressions longer than this are written as their symbol (∂f/∂q) instead of in full. */
const READABLE_LENGTH = 48;

/** Traces the program's output at a point: forward values, every edge's chain-rule product, the checked gradient. */
export function trace(program: Program, point: Point, options: CrossCheckOptions = {}): Trace {
  requireValues(program, point);
  const check = crossCheck(program, point, options);
  const { graph, output } = program;
  const { derivatives } = check;
  const algebra = derivatives.algebra;
  const { tape, values, adjoint } = check.reverse; // the cross-check's own pass: not run again
  // inputs first (in order of appearance), then the gates in evaluation order
  const inputs = program.variables.map((name) => graph.variable(name)).filter((id) => tape.varying[id]);
  const varying = [...inputs, ...tape.order.filter((id) => tape.varying[id] && graph.node(id).op !== 'var')];

  const names = traceNames(program, varying);
  // the differentiator's locals are built from simplified nodes: name those too, so locals read in the trace's names
  // (a node that simplifies to a constant, such as x/x, is not: every local 1 would read as its name)
  const simplifiedOf = varying.map((id) => algebra.simplify(id));
  const dependent = varyingNodes(graph, graph.ancestors(simplifiedOf));
  const symbolNames = new Map<NodeId, string>();
  varying.forEach((id, i) => {
    const simplified = simplifiedOf[i]!;
    if (dependent[simplified] && !symbolNames.has(simplified)) symbolNames.set(simplified, names.get(id)!);
  });
  // the printers never substitute a name for the root itself, so a local that is exactly a named node is its name
  const symbolText = (id: NodeId) => symbolNames.get(id) ?? printText(graph, id, { names: symbolNames });
  const symbolLatex = (id: NodeId) => (symbolNames.has(id) ? texName(symbolNames.get(id)!) : printLatex(graph, id, { names: symbolNames }));
  const readable = (id: NodeId): { text?: string; latex?: string } => {
    if (writtenSizeExceeds(graph, id, symbolNames, 2 * READABLE_LENGTH)) return {}; // too long to read: not printed at all
    const text = symbolText(id);
    return text.length <= READABLE_LENGTH ? { text, latex: symbolLatex(id) } : {};
  };

  const faithfulNames = new Map(varying.map((id) => [id, names.get(id)!]));
  const bound = new Set(program.bindings.map((binding) => binding.node));
  const nodes = varying.map((id): TraceNode => {
    const node = graph.node(id);
    const name = names.get(id)!;
    const named = node.op === 'var' || bound.has(id);
    const expr = node.op === 'var' ? name : printText(graph, id, { mode: 'faithful', names: faithfulNames });
    const latex = node.op === 'var' ? printLatex(graph, id) : printLatex(graph, id, { mode: 'faithful', names: faithfulNames });
    const adjointNode = derivatives.adjoints.get(id);
    const gradShown = adjointNode === undefined ? {} : readable(adjointNode);
    return {
      id: name,
      name,
      op: node.op,
      expr,
      latex,
      inputs: node.inputs.filter((input) => tape.varying[input]).map((input) => names.get(input)!),
      value: values[id]!,
      grad: adjoint[id]!,
      named,
      pattern: patternOf(node.op, node.inputs.filter((input) => tape.varying[input]).length),
      gradExpr: gradShown.text,
      gradLatex: gradShown.latex,
      node: id,
    };
  });

  const localTape = new Tape(graph, derivatives.steps.map((step) => step.local));
  const localValues = localTape.forward(point);
  const edges = derivatives.steps.map((step): TraceEdge => {
    const upstream = adjoint[step.node]!;
    const local = localValues[step.local]!;
    const downstream = readable(step.downstream);
    return {
      from: names.get(step.inputNode)!,
      to: names.get(step.node)!,
      input: step.input,
      local,
      upstream,
      downstream: upstream === 0 ? 0 : upstream * local, // as the reverse pass: a zero upstream sends nothing back (0 × ∞ is not NaN here)
      localExpr: symbolText(step.local),
      localLatex: symbolLatex(step.local),
      downstreamExpr: downstream.text,
      downstreamLatex: downstream.latex,
    };
  });

  const gradient = Object.fromEntries(check.partials.map((partial) => [partial.variable, partial.symbolic]));
  const absent = check.partials.map((partial) => partial.variable).filter((name) => !program.variables.includes(name));
  return { program, point, output: names.get(output)!, nodes, edges, gradient, check, absent };
}

/** The notes of a trace: kink conventions, and the variables asked for that the output does not depend on. */
export function traceNotes(trace: Trace): string[] {
  return [...trace.check.kinkNotes, ...(trace.absent ?? []).map((name) => `${trace.output} does not depend on ${name}, so ∂${trace.output}/∂${name} = 0`)];
}

/** The edges by the node they carry gradient into and by their gate, built once per trace (a large trace has thousands). */
const edgeIndexes = new WeakMap<Trace, { readonly into: Map<string, TraceEdge[]>; readonly out: Map<string, TraceEdge[]> }>();

function edgeIndex(trace: Trace): { readonly into: Map<string, TraceEdge[]>; readonly out: Map<string, TraceEdge[]> } {
  let index = edgeIndexes.get(trace);
  if (!index) {
    index = { into: new Map(), out: new Map() };
    for (const edge of trace.edges) {
      (index.into.get(edge.from) ?? index.into.set(edge.from, []).get(edge.from)!).push(edge);
      (index.out.get(edge.to) ?? index.out.set(edge.to, []).get(edge.to)!).push(edge);
    }
    edgeIndexes.set(trace, index);
  }
  return index;
}

/** The edges that carry gradient into a node (one per consumer, more than one when the node is copied). */
export function incoming(trace: Trace, id: string): TraceEdge[] {
  return [...(edgeIndex(trace).into.get(id) ?? [])];
}

/** The edges out of a gate in the backward pass (one per varying input). */
export function outgoing(trace: Trace, id: string): TraceEdge[] {
  return [...(edgeIndex(trace).out.get(id) ?? [])];
}

/** The trace as the JSON the issue specifies: nodes, edges and the gradient (plus the point and the check). */
export function traceJson(trace: Trace): object {
  return {
    output: trace.output,
    point: trace.point,
    nodes: trace.nodes.map(({ node: _node, latex: _latex, gradLatex: _gradLatex, named: _named, ...rest }) => rest),
    edges: trace.edges.map(({ localLatex: _localLatex, downstreamLatex: _downstreamLatex, ...rest }) => rest),
    gradient: trace.gradient,
    check: {
      agree: trace.check.agree,
      methods: Object.fromEntries(trace.check.partials.map((p) => [p.variable, { symbolic: p.symbolic, reverse: p.reverse, finite_difference: p.finite }])),
      notes: traceNotes(trace),
    },
  };
}

function patternOf(op: string, varyingInputs: number): GatePattern | undefined {
  switch (op) {
    case 'add':
      return 'add distributes';
    case 'sub':
      return 'subtract distributes, negating the second input';
    case 'neg':
      return 'negate flips the sign';
    case 'mul':
      return varyingInputs > 1 ? 'mul swaps' : 'mul by a constant scales';
    case 'max':
    case 'relu':
      return 'max routes';
    default:
      return undefined;
  }
}

/**
 * Names for the varying nodes: variables keep theirs, a binding names its node (the first binding wins), the output
 * is the last binding or f, and every other gate is q1, q2, … in evaluation order (skipping names in use). A name
 * bound more than once (`c = a + b; c = c*2`) names its last node; the earlier ones are c_1, c_2, …, so that no two
 * nodes share a name.
 */
function traceNames(program: Program, varying: readonly NodeId[]): Map<NodeId, string> {
  const { graph } = program;
  const names = new Map<NodeId, string>();
  for (const id of varying) {
    const node = graph.node(id);
    if (node.op === 'var') names.set(id, node.name!);
  }
  const taken = new Set([...names.values(), ...program.variables, ...program.bindings.map((binding) => binding.name)]);
  // c_1 and c1 are both c_{1} in LaTeX: a new name must differ from both forms of the names in use
  const free = (name: string) => !taken.has(name) && !taken.has(name.replace(/_(?=[0-9]+$)/, '')) && !taken.has(name.replace(/([A-Za-z])([0-9]+)$/, '$1_$2'));
  const fresh = (base: string) => {
    let name: string;
    let counter = 0;
    do name = `${base}_${++counter}`;
    while (!free(name));
    taken.add(name);
    return name;
  };
  const last = new Map(program.bindings.map((binding) => [binding.name, binding.node]));
  for (const binding of program.bindings) {
    if (names.has(binding.node)) continue;
    names.set(binding.node, last.get(binding.name) === binding.node ? binding.name : fresh(binding.name));
  }
  if (!names.has(program.output)) {
    const label = outputLabel(program);
    names.set(program.output, taken.has(label) ? fresh(label) : label);
  }
  let counter = 0;
  for (const id of varying) {
    if (names.has(id)) continue;
    let name: string;
    do name = `q${++counter}`;
    while (!free(name));
    names.set(id, name);
  }
  return names;
}


/**
 * The part of a trace a picture can show: the last `limit` gates (those nearest the output), with the nodes they read
 * from earlier gates drawn as inputs (their values and gradients are the trace's). `hidden` counts the gates left out.
 */
export function traceWindow(trace: Trace, limit: number): { trace: Trace; hidden: number } {
  const gates = trace.nodes.filter((node) => node.op !== 'var');
  if (limit <= 0 || gates.length <= limit) return { trace, hidden: 0 };
  const kept = new Set(gates.slice(-limit).map((node) => node.id));
  const edges = trace.edges.filter((edge) => kept.has(edge.to));
  const read = new Set(edges.map((edge) => edge.from));
  const nodes = trace.nodes
    .filter((node) => kept.has(node.id) || read.has(node.id))
    .map((node) => (kept.has(node.id) ? node : { ...node, op: 'var', expr: node.name, inputs: [] }));
  return { trace: { ...trace, nodes, edges }, hidden: gates.length - limit };
}
