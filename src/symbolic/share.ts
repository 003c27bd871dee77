/** Naming shared subexpressions, so that a large derivative prints in linear size instead of as an exploded tree. */
import type { Graph, NodeId } from '../graph/graph.js';

/** Expressions whose written-out size stays below this are printed inline. */
export const INLINE_LIMIT = 400;

/** Written-out size (as a tree) of each node reachable from the roots, capped to stay a safe integer. */
export function treeSizes(graph: Graph, roots: readonly NodeId[]): Map<NodeId, number> {
  const sizes = new Map<NodeId, number>();
  for (const id of graph.ancestors(roots)) {
    let size = 1;
    for (const input of graph.node(id).inputs) size += sizes.get(input)!;
    sizes.set(id, Math.min(size, Number.MAX_SAFE_INTEGER / 4));
  }
  return sizes;
}

/**
 * Names (u1, u2, …) for the subexpressions worth naming when the roots are too big to write out:
 * non-trivial nodes used more than once. Returns them in topological order; empty when inlining is fine.
 */
export function sharedNames(graph: Graph, roots: readonly NodeId[], taken: ReadonlySet<string>): Map<NodeId, string> {
  const sizes = treeSizes(graph, roots);
  const total = roots.reduce((sum, root) => sum + sizes.get(root)!, 0);
  const names = new Map<NodeId, string>();
  if (total <= INLINE_LIMIT) return names;
  const uses = new Map<NodeId, number>();
  const order = graph.ancestors(roots);
  for (const id of order) for (const input of graph.node(id).inputs) uses.set(input, (uses.get(input) ?? 0) + 1);
  let counter = 0;
  for (const id of order) {
    if (roots.includes(id) || (uses.get(id) ?? 0) < 2 || sizes.get(id)! < 4) continue;
    let name: string;
    do name = `u${++counter}`;
    while (taken.has(name));
    names.set(id, name);
  }
  return names;
}

/** Whether the expression at root, written out (named nodes as one symbol), has more than `limit` nodes. */
export function writtenSizeExceeds(graph: Graph, root: NodeId, names: ReadonlyMap<NodeId, string>, limit: number): boolean {
  let count = 0;
  const stack = [root];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (++count > limit) return true;
    if (id !== root && names.has(id)) continue;
    stack.push(...graph.node(id).inputs);
  }
  return false;
}
