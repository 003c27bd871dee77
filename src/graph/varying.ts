/** Which nodes depend on a variable: the one place this is decided (the engines, explanations and diagnoses read it). */
import type { Graph, NodeId } from './graph.js';

/**
 * A flag per node id up to the last of `order` (a topological order, as graph.ancestors gives): 1 for the nodes in
 * `order` that depend on a variable (on `variable` alone, when given), 0 for the others.
 */
export function varyingNodes(graph: Graph, order: readonly NodeId[], variable?: string): Uint8Array {
  const varying = new Uint8Array(order.reduce((largest, id) => Math.max(largest, id + 1), 0));
  for (const id of order) {
    const node = graph.node(id);
    const isVariable = node.op === 'var' && (variable === undefined || node.name === variable);
    if (isVariable || node.inputs.some((input) => varying[input] === 1)) varying[id] = 1;
  }
  return varying;
}
