/**
 * Symbolic differentiation: the chain rule, written once. Walking the graph backwards from the output,
 * every edge gets downstream = upstream × local, where local is the op's own symbolic partial; a node's
 * derivative is the sum of what its consumers send it. Each application is recorded for traces.
 * The result is a DAG that shares subexpressions, so it stays linear in the size of the input.
 */
import type { Graph, NodeId } from '../graph/graph.js';
import { opNamed } from '../ops/index.js';
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
  const varying = new Set<NodeId>();
  const variableNodes = new Map<string, NodeId>();
  for (const id of order) {
    const node = graph.node(id);
    if (node.op === 'var') {
      varying.add(id);
      variableNodes.set(node.name!, id);
    } else if (node.inputs.some((input) => varying.has(input))) varying.add(id);
  }

  const contributions = new Map<NodeId, NodeId[]>([[output, [algebra.num(1)]]]);
  const adjoints = new Map<NodeId, NodeId>();
  const steps: RuleStep[] = [];
  for (let k = order.length - 1; k >= 0; k--) {
    const id = order[k]!;
    const parts = contributions.get(id);
    if (!parts || !varying.has(id)) continue;
    const upstream = algebra.add(...parts); // copy gate: contributions from every consumer add up
    adjoints.set(id, upstream);
    const node = graph.node(id);
    if (node.inputs.length === 0) continue;
    const op = opNamed(node.op);
    const args = node.inputs.map((input) => algebra.simplify(input));
    const out = algebra.simplify(id);
    node.inputs.forEach((inputNode, input) => {
      if (!varying.has(inputNode)) return;
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
