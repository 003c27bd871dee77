/**
 * Symbolic differentiation: the chain rule, written once. Walking the graph backwards from the output,
 * every edge gets downstream = upstream × local, where local is the op's own symbolic partial; a node's
 * derivative is the sum of what its consumers send it. Each application is recorded for traces.
 * The result is a DAG that shares subexpressions, so it stays linear in the size of the input.
 */
import type { Graph, NodeId } from '../graph/graph.js';
import { opNamed } from '../ops/index.js';
import { varyingNodes } from '../graph/varying.js';
import { Simplifier } from './simplify.js';

/** One application of the chain rule along the edge from `node` to its input number `input`. */
export interface RuleStep {
  readonly node: NodeId;
  readonly input: number;
  readonly inputNode: NodeId;
  /** ∂node/∂input, simplified. */
  readonly local: NodeId;
  /** ∂output/∂node. */
  readonly upstream: NodeId;
  /** upstream × local: this edge's share of ∂output/∂input. */
  readonly downstream: NodeId;
}

/** Symbolic derivatives of one output, and the record of how they were made. */
export interface Derivatives {
  readonly graph: Graph;
  readonly output: NodeId;
  /** The simplifying algebra the derivatives were built with (it remembers simplified forms). */
  readonly algebra: Simplifier;
  /** ∂output/∂variable for each variable asked for (simplified nodes; 0 where the output does not depend on it). */
  readonly byVariable: ReadonlyMap<string, NodeId>;
  /** ∂output/∂node for every node of the original graph the output depends on through a variable. */
  readonly adjoints: ReadonlyMap<NodeId, NodeId>;
  /** Chain-rule applications in the order they were made (from the output backwards). */
  readonly steps: readonly RuleStep[];
}

/** Differentiates `output` with respect to the named variables (every variable it depends on by default). */
export function differentiate(graph: Graph, output: NodeId, variables?: readonly string[], algebra = new Simplifier(graph)): Derivatives {
  const order = graph.ancestors([output]);
  const varying = varyingNodes(graph, order);
  const variableNodes = new Map<string, NodeId>();
  for (const id of order) if (graph.node(id).op === 'var') variableNodes.set(graph.node(id).name!, id);

  const contributions = new Map<NodeId, NodeId[]>([[output, [algebra.num(1)]]]);
  const adjoints = new Map<NodeId, NodeId>();
  const steps: RuleStep[] = [];
  for (let k = order.length - 1; k >= 0; k--) {
    const id = order[k]!;
    const parts = contributions.get(id);
    if (!parts || !varying[id]) continue;
    const upstream = algebra.add(...parts); // copy gate: contributions from every consumer add up
    adjoints.set(id, upstream);
    const node = graph.node(id);
    if (node.inputs.length === 0) continue;
    const op = opNamed(node.op);
    const args = node.inputs.map((input) => algebra.simplify(input));
    const out = algebra.simplify(id);
    node.inputs.forEach((inputNode, input) => {
      if (!varying[inputNode]) return;
      const local = op.partial(algebra, args, input, out);
      const downstream = algebra.mul(upstream, local); // chain rule: downstream = upstream × local
      steps.push({ node: id, input, inputNode, local, upstream, downstream });
      const list = contributions.get(inputNode);
      if (list) list.push(downstream);
      else contributions.set(inputNode, [downstream]);
    });
  }

  const wanted = variables ?? [...variableNodes.keys()];
  const byVariable = new Map<string, NodeId>();
  for (const name of wanted) {
    const node = variableNodes.get(name);
    byVariable.set(name, node === undefined ? algebra.num(0) : adjoints.get(node) ?? algebra.num(0));
  }
  return { graph, output, algebra, byVariable, adjoints, steps };
}

/**
 * Forward mode over the same records: d node/d variable for every node the output depends on through the variable,
 * as Σ local_i · d input_i/d variable with the locals the reverse pass recorded (nothing is differentiated again).
 */
export function tangentsOf(derivatives: Derivatives, variable: string): ReadonlyMap<NodeId, NodeId> {
  const { graph, algebra } = derivatives;
  const locals = new Map(derivatives.steps.map((step) => [`${step.node}:${step.input}`, step.local]));
  const tangents = new Map<NodeId, NodeId>();
  for (const id of graph.ancestors([derivatives.output])) {
    const node = graph.node(id);
    if (node.op === 'var') {
      if (node.name === variable) tangents.set(id, algebra.num(1)); // dx/dx = 1
      continue;
    }
    const terms: NodeId[] = [];
    node.inputs.forEach((input, i) => {
      const inner = tangents.get(input);
      if (inner !== undefined) terms.push(algebra.mul(locals.get(`${id}:${i}`)!, inner));
    });
    if (terms.length > 0) tangents.set(id, algebra.add(...terms));
  }
  return tangents;
}
