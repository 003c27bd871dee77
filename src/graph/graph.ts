/** The computational graph: hash-consed nodes kept in topological order, the one IR every stage reads. */
import type Fraction from 'fraction.js';
import { WorkLimit } from '../errors.js';

/** Index of a node in its graph (branded, so that a node id is never mistaken for a number). */
export type NodeId = number & { readonly __nodeId: unique symbol };

/** One operation applied to earlier nodes; identical operations on identical inputs are one node. */
export interface Node {
  readonly id: NodeId;
  readonly op: string;
  readonly inputs: readonly NodeId[];
  /** The variable's name, for `var` nodes. */
  readonly name?: string;
  /** The exact value, for `const` nodes. */
  readonly value?: Fraction;
}

/** A growing DAG whose node ids are a topological order (inputs always have smaller ids). */
export class Graph {
  readonly nodes: Node[] = [];
  /** Leaves (var, const, pi, e) by name or value. */
  private readonly leaves = new Map<string, NodeId>();
  /** Operations by a hash of op and inputs (a bucket holds the rare collisions). */
  private readonly operations = new Map<number, NodeId | NodeId[]>();
  /** The size the graph may grow to before a WorkLimit (see budget). */
  private ceiling = Number.POSITIVE_INFINITY;

  /**
   * Runs `work` allowing it to add at most `nodes` nodes (a claim's simplification, differentiation and checks): beyond
   * that it stops with a WorkLimit, whatever the machine, so that the verdict depends only on the input.
   */
  budget<T>(nodes: number, work: () => T): T {
    const outer = this.ceiling;
    this.ceiling = Math.min(outer, this.nodes.length + nodes);
    try {
      return work();
    } finally {
      this.ceiling = outer;
    }
  }

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
    if (inputs.length === 0) {
      const key = `${op}|${extra.name ?? ''}|${extra.value ? extra.value.toFraction() : ''}`;
      const existing = this.leaves.get(key);
      if (existing !== undefined) return existing;
      const id = this.add(op, inputs, extra);
      this.leaves.set(key, id);
      return id;
    }
    const hash = hashOperation(op, inputs);
    const bucket = this.operations.get(hash);
    if (typeof bucket === 'number' && this.sameOperation(bucket, op, inputs)) return bucket;
    if (Array.isArray(bucket)) for (const candidate of bucket) if (this.sameOperation(candidate, op, inputs)) return candidate;
    const id = this.add(op, inputs, extra);
    if (bucket === undefined) this.operations.set(hash, id);
    else if (typeof bucket === 'number') this.operations.set(hash, [bucket, id]);
    else bucket.push(id);
    return id;
  }

  private add(op: string, inputs: readonly NodeId[], extra: { name?: string; value?: Fraction }): NodeId {
    if (this.nodes.length >= this.ceiling) throw new WorkLimit(`checking it would take more than ${this.nodes.length} nodes of graph; the budget of a claim is spent`);
    const id = this.nodes.length as NodeId;
    this.nodes.push({ id, op, inputs: [...inputs], ...extra });
    return id;
  }

  private sameOperation(id: NodeId, op: string, inputs: readonly NodeId[]): boolean {
    const node = this.nodes[id]!;
    if (node.op !== op || node.inputs.length !== inputs.length) return false;
    for (let i = 0; i < inputs.length; i++) if (node.inputs[i] !== inputs[i]) return false;
    return true;
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

/** A 32-bit hash of an op name and its input ids (FNV-1a over the name, then a multiplicative mix of the ids). */
function hashOperation(op: string, inputs: readonly NodeId[]): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < op.length; i++) hash = Math.imul(hash ^ op.charCodeAt(i), 0x01000193);
  for (let i = 0; i < inputs.length; i++) hash = Math.imul(hash ^ inputs[i]!, 0x9e3779b1) ^ (hash >>> 15);
  return hash | 0;
}
