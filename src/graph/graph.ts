/** The computational graph: hash-consed nodes kept in topological order, the one IR every stage reads. */
import type Fraction from 'fraction.js';
import { inferShape, type Shape } from './shape.js';

/** Index of a node in its graph (branded, so that a node id is never mistaken for a number). */
export type NodeId = number & { readonly __nodeId: unique symbol };

/** One operation applied to earlier nodes; identical operations on identical inputs are one node. */
export interface Node {
  readonly id: NodeId;
  readonly op: string;
  readonly inputs: readonly NodeId[];
  readonly shape: Shape;
  /** The variable's name, for `var` nodes. */
  readonly name?: string;
  /** The exact value, for `const` nodes. */
  readonly value?: Fraction;
}

/** A growing DAG whose node ids are a topological order (inputs always have smaller ids). */
export class Graph {
  readonly nodes: Node[] = [];
  private readonly index = new Map<string, NodeId>();

  /** The node with an id. */
  node(id: NodeId): Node {
    const found = this.nodes[id];
    if (!found) throw new Error(`internal error: no node ${id}`);
    return found;
  }

  /** Number of nodes. */
  get size(): number {
    return this.nodes.length;
  }

  /** The node for `op(inputs)`, creating it only if no identical node exists. */
  intern(op: string, inputs: readonly NodeId[], extra: { name?: string; value?: Fraction } = {}): NodeId {
    const key = `${op}|${inputs.join(',')}|${extra.name ?? ''}|${extra.value ? extra.value.toFraction() : ''}`;
    const existing = this.index.get(key);
    if (existing !== undefined) return existing;
    const shape = inferShape(op, inputs.map((input) => this.node(input).shape));
    const id = this.nodes.length as NodeId;
    this.nodes.push({ id, op, inputs: [...inputs], shape, ...extra });
    this.index.set(key, id);
    return id;
  }

  /** An input variable. */
  variable(name: string): NodeId {
    return this.intern('var', [], { name });
  }

  /** Ids of the nodes `targets` depend on (themselves included), ascending, so a topological order. */
  ancestors(targets: readonly NodeId[]): NodeId[] {
    const seen = new Uint8Array(this.nodes.length);
    const stack = [...targets];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen[id]) continue;
      seen[id] = 1;
      for (const input of this.node(id).inputs) if (!seen[input]) stack.push(input);
    }
    const order: NodeId[] = [];
    for (let id = 0; id < seen.length; id++) if (seen[id]) order.push(id as NodeId);
    return order;
  }
}
