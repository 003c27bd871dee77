/** The benchmark's inputs: generated expressions whose parsed graphs have about a target number of nodes. */
import { parse } from '../program.js';
import { generateExpression, type GeneratedExpression } from './generate.js';
import { limitsFor } from './chainrule.js';

/** A generated expression sized for a target node count. */
export interface SizedExpression extends GeneratedExpression {
  readonly targetNodes: number;
  /** Node count of the parsed graph (hash-consing makes it smaller than the operations written). */
  readonly nodes: number;
}

/** Within this relative distance of the target, the size is taken as is. */
const TOLERANCE = 0.05;

/**
 * An expression whose graph has about `targetNodes` nodes: generates, parses to count the graph's nodes, and scales
 * the number of operations by the shortfall (hash-consing merges more as the tree grows), a few times at most.
 */
export function sizedExpression(targetNodes: number, seed: number): SizedExpression {
  let operations = targetNodes;
  let best: SizedExpression | undefined;
  for (let attempt = 0; attempt < 4; attempt++) {
    const expression = generateExpression(operations, seed);
    const nodes = parse(expression.text, { limits: limitsFor(expression.text) }).graph.size;
    const candidate = { ...expression, targetNodes, nodes };
    if (!best || Math.abs(nodes - targetNodes) < Math.abs(best.nodes - targetNodes)) best = candidate;
    if (Math.abs(nodes - targetNodes) <= TOLERANCE * targetNodes) break;
    operations = Math.round((operations * targetNodes) / nodes);
  }
  return best!;
}
