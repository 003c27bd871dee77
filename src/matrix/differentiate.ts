/**
 * Matrix-form reverse mode: the adjoint of every node of a scalar output, as a matrix expression shaped like the node
 * (denominator layout: ∂L/∂W has W's shape), built with the ops' matrix-form rules (rules.ts) and the matrix
 * algebra. Every rule application is recorded (node, input, upstream, downstream), as the scalar differentiator does.
 * One pattern is taken whole, as the lectures take it: cross_entropy(softmax(z), y) gives (ŷ − y)/N for z, the
 * targets' columns being distributions (one-hot, or summing to 1).
 */
import type { NodeId } from '../graph/graph.js';
import { varyingNodes } from '../graph/varying.js';
import { MatrixAlgebra } from './algebra.js';
import type { MatrixGraph } from './graph.js';
import { adjointOf } from './rules.js';

/** One rule application along the edge from `node` to its input number `input`. */
export interface MatrixStep {
  readonly node: NodeId;
  readonly input: number;
  readonly inputNode: NodeId;
  /** ∂output/∂node. */
  readonly upstream: NodeId;
  /** This edge's share of ∂output/∂input. */
  readonly downstream: NodeId;
  /** The rule taken whole for a pattern (softmax with cross_entropy), when one was. */
  readonly fused?: string;
}

/** Matrix-form derivatives of a scalar output, and the record of how they were made. */
export interface MatrixDerivatives {
  readonly matrices: MatrixGraph;
  readonly algebra: MatrixAlgebra;
  readonly output: NodeId;
  /** ∂output/∂node for every node the output depends on through an input. */
  readonly adjoints: ReadonlyMap<NodeId, NodeId>;
  readonly steps: readonly MatrixStep[];
  /** Nodes whose adjoint has no matrix form here (through hinge): their derivative is given entry by entry only. */
  readonly unsupported: ReadonlyMap<NodeId, string>;
}

/** The adjoints of a scalar output, from the output back to its inputs. */
export function differentiateMatrix(matrices: MatrixGraph, output: NodeId, algebra = new MatrixAlgebra(matrices)): MatrixDerivatives {
  if (matrices.shape(output) !== undefined) throw new Error('internal error: matrix-form reverse mode needs a scalar output');
  const graph = matrices.graph;
  const order = graph.ancestors([output]);
  const varying = varyingNodes(graph, order);
  const consumers = new Map<NodeId, number>();
  for (const id of order) for (const input of graph.node(id).inputs) consumers.set(input, (consumers.get(input) ?? 0) + 1);
  const contributions = new Map<NodeId, NodeId[]>([[output, [algebra.num(1)]]]);
  const adjoints = new Map<NodeId, NodeId>();
  const steps: MatrixStep[] = [];
  const unsupported = new Map<NodeId, string>();
  const contribute = (node: NodeId, value: NodeId) => {
    const list = contributions.get(node);
    if (list) list.push(value);
    else contributions.set(node, [value]);
  };
  for (let k = order.length - 1; k >= 0; k--) {
    const id = order[k]!;
    if (!varying[id]) continue;
    if (unsupported.has(id)) {
      for (const input of graph.node(id).inputs) if (varying[input]) unsupported.set(input, unsupported.get(id)!); // an adjoint missing a part taints what it feeds
      continue;
    }
    const parts = contributions.get(id);
    if (!parts) continue;
    const upstream = algebra.add(...parts); // a node used several times: the contributions add
    adjoints.set(id, upstream);
    const node = graph.node(id);
    if (node.inputs.length === 0) continue;
    const fusedInput = node.op === 'cross_entropy' ? softmaxOf(matrices, node.inputs[0]!, consumers) : undefined;
    if (fusedInput !== undefined) {
      // ∂/∂z cross_entropy(softmax(z), y) = (ŷ − y)/N, with ŷ = softmax(z) and N the columns
      const [yhat, y] = node.inputs as [NodeId, NodeId];
      const columns = matrices.shape(yhat)?.cols ?? 1;
      const downstream = algebra.mul(algebra.div(upstream, algebra.num(columns)), algebra.sub(yhat, y));
      steps.push({ node: id, input: 0, inputNode: fusedInput, upstream, downstream, fused: 'softmax with cross_entropy' });
      contribute(fusedInput, downstream);
      if (varying[y]) addRule(algebra, node.op, node.inputs, id, upstream, 1, y, steps, contribute, unsupported);
      continue;
    }
    node.inputs.forEach((input, i) => {
      if (varying[input]) addRule(algebra, node.op, node.inputs, id, upstream, i, input, steps, contribute, unsupported);
    });
  }
  return { matrices, algebra, output, adjoints, steps, unsupported };
}

function addRule(
  algebra: MatrixAlgebra,
  op: string,
  inputs: readonly NodeId[],
  out: NodeId,
  upstream: NodeId,
  i: number,
  input: NodeId,
  steps: MatrixStep[],
  contribute: (node: NodeId, value: NodeId) => void,
  unsupported: Map<NodeId, string>,
): void {
  const downstream = adjointOf(algebra, op, { inputs, out, upstream }, i);
  if (downstream === undefined) {
    unsupported.set(input, op);
    return;
  }
  steps.push({ node: out, input: i, inputNode: input, upstream, downstream });
  contribute(input, downstream);
}

/** z, when `node` is softmax(z) and used by nothing else (so that its whole adjoint comes through the loss). */
function softmaxOf(matrices: MatrixGraph, node: NodeId, consumers: ReadonlyMap<NodeId, number>): NodeId | undefined {
  const found = matrices.graph.node(node);
  return found.op === 'softmax' && consumers.get(node) === 1 ? found.inputs[0] : undefined;
}
