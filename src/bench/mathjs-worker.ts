/**
 * Worker body for the mathjs comparison: parses the text with mathjs once, then times `derivative` (without
 * simplification) with respect to each variable. Reports each sample as it completes, so the parent can stop it at a time limit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

/** What the parent sends. */
export interface MathjsJob {
  readonly text: string;
  readonly variables: readonly string[];
  readonly samples: number;
  readonly warmups: number;
}

/** What the worker reports. */
export type MathjsMessage =
  | { readonly kind: 'ready'; readonly importMs: number; readonly parseMs: number }
  | { readonly kind: 'sample'; readonly ms: number }
  | { readonly kind: 'sizes'; readonly distinctNodes: number; readonly treeNodes: number }
  | { readonly kind: 'error'; readonly message: string };

/** The part of a mathjs expression node this file uses. */
interface MathNode {
  forEach(callback: (child: MathNode) => void): void;
}

const job = workerData as MathjsJob;
const post = (message: MathjsMessage): void => parentPort!.postMessage(message);

try {
  const importStart = performance.now();
  const math = await import('mathjs');
  const parseStart = performance.now();
  const expression = math.parse(job.text);
  post({ kind: 'ready', importMs: parseStart - importStart, parseMs: performance.now() - parseStart });
  const differentiateAll = () => job.variables.map((name) => math.derivative(expression, name, { simplify: false }) as unknown as MathNode);
  for (let i = 0; i < job.warmups; i++) differentiateAll();
  let derivatives: MathNode[] = [];
  for (let i = 0; i < job.samples; i++) {
    const start = performance.now();
    derivatives = differentiateAll();
    post({ kind: 'sample', ms: performance.now() - start });
  }
  post({ kind: 'sizes', ...countNodes(derivatives) });
} catch (error) {
  post({ kind: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
}

/** Distinct node objects reachable from the roots (mathjs shares subtrees), and their size written out as trees, without recursion. */
function countNodes(roots: readonly MathNode[]): { distinctNodes: number; treeNodes: number } {
  const treeSize = new Map<MathNode, number>();
  const stack: { node: MathNode; expanded: boolean }[] = roots.map((node) => ({ node, expanded: false }));
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (treeSize.has(top.node)) {
      stack.pop();
      continue;
    }
    const children: MathNode[] = [];
    top.node.forEach((child) => children.push(child));
    if (!top.expanded) {
      top.expanded = true;
      for (const child of children) if (!treeSize.has(child)) stack.push({ node: child, expanded: false });
      continue;
    }
    stack.pop();
    treeSize.set(top.node, children.reduce((sum, child) => sum + treeSize.get(child)!, 1));
  }
  return { distinctNodes: treeSize.size, treeNodes: roots.reduce((sum, root) => sum + treeSize.get(root)!, 0) };
}
