/** Replacing one node of an expression by another, rebuilding (and hash-consing) only what depends on it. */
import type { Graph, NodeId } from './graph.js';

/** `root` with every use of `target` replaced by `replacement` (root itself when it does not depend on target). */
export function substitute(graph: Graph, root: NodeId, target: NodeId, replacement: NodeId): NodeId {
  return substituteAll(graph, root, new Map([[target, replacement]]));
}

/** `root` with the nodes in `replacements` replaced all at once (so f(y, x) of f(x, y) swaps, never captures). */
export function substituteAll(graph: Graph, root: NodeId, replacements: ReadonlyMap<NodeId, NodeId>): NodeId {
  const rebuilt = new Map<NodeId, NodeId>();
  for (const id of graph.ancestors([root])) {
    const node = graph.node(id);
    const replacement = replacements.get(id);
    if (replacement !== undefined) rebuilt.set(id, replacement);
    else if (node.inputs.length === 0) rebuilt.set(id, id);
    else {
      const inputs = node.inputs.map((input) => rebuilt.get(input)!);
      rebuilt.set(id, inputs.every((input, k) => input === node.inputs[k]) ? id : graph.intern(node.op, inputs));
    }
  }
  return rebuilt.get(root)!;
}

/** Variable nodes to put exact values for: var x → the node of x's value. */
export function variableNodes(graph: Graph, exact: ReadonlyMap<string, NodeId>): Map<NodeId, NodeId> {
  return new Map([...exact].map(([name, value]) => [graph.intern('var', [], { name }), value]));
}
