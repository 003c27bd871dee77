/** Derivative expressions as text and LaTeX, with shared subexpressions named when they are large. */
import type { Graph, NodeId } from '../graph/graph.js';
import { printLatex, printText } from '../symbolic/print.js';
import { sharedNames } from '../symbolic/share.js';

/** Printed expressions: definitions of shared parts (u1 = …) and one expression per key. */
export interface PrintedSet {
  readonly shared: readonly { readonly name: string; readonly text: string; readonly latex: string; readonly node: NodeId }[];
  readonly text: ReadonlyMap<string, string>;
  readonly latex: ReadonlyMap<string, string>;
  /** Each expression on its own, with the definitions it needs first, as text the grammar parses back. */
  readonly standalone: ReadonlyMap<string, string>;
}

/** Prints several expressions of one graph, naming subexpressions they share when writing them out would be large. */
export function printSet(graph: Graph, roots: ReadonlyMap<string, NodeId>, taken: ReadonlySet<string>): PrintedSet {
  const names = sharedNames(graph, [...roots.values()], taken);
  const shared = [...names].map(([node, name]) => ({
    name,
    node,
    text: printText(graph, node, { names }),
    latex: printLatex(graph, node, { names }),
  }));
  const text = new Map<string, string>();
  const latex = new Map<string, string>();
  const standalone = new Map<string, string>();
  for (const [key, root] of roots) {
    text.set(key, printText(graph, root, { names }));
    latex.set(key, printLatex(graph, root, { names }));
    const needed = new Set(graph.ancestors([root]));
    const definitions = shared.filter((entry) => needed.has(entry.node) && entry.node !== root).map((entry) => `${entry.name} = ${entry.text}`);
    standalone.set(key, [...definitions, text.get(key)!].join('; '));
  }
  return { shared, text, latex, standalone };
}
