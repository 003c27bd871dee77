/** Replacing one node of an expression by another, rebuilding (and hash-consing) only what depends on it. */
import type { Graph, NodeId } from './graph.js';

/** `root` with every use of `target` replaced by `replacement` (root itself when it does not depend on target). */
export function substitute(graph: Graph, root: NodeId, target: NodeId, replacement: NodeId): NodeId {
  const rebuilt = new Map<NodeId, NodeId>();
  for (const id of graph.ancestors([root])) {
    const node = graph.node(id);
    if (id === target) rebuilt.set(id, replacement);
    else if (node.inputs.length === 0) rebuilt.set(id, id);
    else {
      const inputs = node.inputs.map((input) => rebuilt.get(input)!);
      rebuilt.set(id, inputs.every((input, k) => input === node.inputs[k]) ? id : graph.intern(node.op, inputs));
    }
  }
  return rebuilt.get(root)!;
}
