/**
 * Numbers at the matrix level: every node's value from the inputs' values (forward), and the gradient of a scalar
 * output by every node through the ops' numeric VJPs (reverse). No entry-by-entry lowering: a 256×784 layer is one
 * matrix product.
 */
import type { NodeId } from '../graph/graph.js';
import { varyingNodes } from '../graph/varying.js';
import { opNamed } from '../ops/index.js';
import type { MatrixGraph } from './graph.js';
import { matmulTransA, matmulTransB, transpose as transposeValue } from '../tensor/linalg.js';
import { evaluateOp, filled, scalarValue, vjpOp, type Value } from './numeric.js';

/** Values of the inputs, by name. */
export type Inputs = ReadonlyMap<string, Value>;

/**
 * The value of every node the roots depend on (indexed by node id); `known` values (a forward pass before) are reused.
 * With `fold`, a transpose that only feeds matrix products is never formed (the products read it in place), and so
 * has no value in the result: for evaluating the roots only, not for a backward pass over the values.
 */
export function forward(matrices: MatrixGraph, roots: readonly NodeId[], inputs: Inputs, known?: ReadonlyMap<NodeId, Value>, fold = false): Map<NodeId, Value> {
  const values = new Map<NodeId, Value>(known ?? []);
  const order = known ? needed(matrices, roots, values) : matrices.graph.ancestors(roots);
  const folded = fold ? foldedTransposes(matrices, order, roots) : new Set<NodeId>();
  for (const id of order) {
    if (values.has(id) || folded.has(id)) continue;
    const node = matrices.graph.node(id);
    if (node.op === 'matmul') {
      // Aᵀ B and A Bᵀ without forming the transpose (the kernels read it in place)
      const [left, right] = node.inputs as [NodeId, NodeId];
      const [a, b] = [folded.has(left) ? values.get(matrices.graph.node(left).inputs[0]!)! : values.get(left)!, folded.has(right) ? values.get(matrices.graph.node(right).inputs[0]!)! : values.get(right)!];
      if (folded.has(left) && !folded.has(right)) {
        values.set(id, matmulTransA(a, b));
        continue;
      }
      if (folded.has(right) && !folded.has(left)) {
        values.set(id, matmulTransB(a, b));
        continue;
      }
      if (folded.has(left) && folded.has(right)) {
        values.set(id, matmulTransB(transposeValue(a), b));
        continue;
      }
    }
    values.set(id, valueOf(matrices, id, node.op, node.inputs.map((input) => values.get(input)!), inputs));
  }
  return values;
}

/** The nodes the roots need, in topological order, not looking behind a node whose value is known. */
function needed(matrices: MatrixGraph, roots: readonly NodeId[], known: ReadonlyMap<NodeId, Value>): NodeId[] {
  const graph = matrices.graph;
  const found = new Set<NodeId>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (found.has(id)) continue;
    found.add(id);
    if (!known.has(id)) stack.push(...graph.node(id).inputs);
  }
  return [...found].sort((a, b) => a - b); // node ids are topological (hash-consed, inputs first)
}

/** Transposes that only feed matrix products (and are no root): the products read them in place. */
function foldedTransposes(matrices: MatrixGraph, order: readonly NodeId[], roots: readonly NodeId[]): Set<NodeId> {
  const graph = matrices.graph;
  const candidates = new Set(order.filter((id) => graph.node(id).op === 'transpose' && !roots.includes(id)));
  for (const id of order) {
    const node = graph.node(id);
    if (node.op === 'matmul') continue;
    for (const input of node.inputs) candidates.delete(input);
  }
  return candidates;
}

function valueOf(matrices: MatrixGraph, id: NodeId, op: string, args: readonly Value[], inputs: Inputs): Value {
  const node = matrices.graph.node(id);
  switch (op) {
    case 'var': {
      const value = inputs.get(node.name!);
      if (!value) throw new Error(`internal error: no value for ${node.name}`);
      return value;
    }
    case 'const':
      return scalarValue(node.value!.valueOf());
    case 'pi':
    case 'e':
      return scalarValue(opNamed(op).eval([]));
    case 'ones': {
      const shape = matrices.shape(id)!;
      return filled(shape.rows, shape.cols, 1);
    }
    case 'eye': {
      const n = matrices.shape(id)!.rows;
      const value = filled(n, n, 0);
      for (let i = 0; i < n; i++) value.data[i * n + i] = 1;
      return value;
    }
    default:
      return evaluateOp(op, args);
  }
}

/** ∂output/∂node for every node (a scalar output), by the ops' numeric VJPs. */
export function backward(matrices: MatrixGraph, output: NodeId, values: ReadonlyMap<NodeId, Value>): Map<NodeId, Value> {
  const graph = matrices.graph;
  const order = graph.ancestors([output]);
  const varying = varyingNodes(graph, order);
  const gradients = new Map<NodeId, Value>([[output, scalarValue(1)]]);
  for (let k = order.length - 1; k >= 0; k--) {
    const id = order[k]!;
    const upstream = gradients.get(id);
    const node = graph.node(id);
    if (!upstream || node.inputs.length === 0) continue;
    const shares = vjpOp(node.op, upstream, node.inputs.map((input) => values.get(input)!), values.get(id)!);
    node.inputs.forEach((input, i) => {
      if (!varying[input]) return;
      const share = shares[i]!;
      const before = gradients.get(input);
      gradients.set(input, before ? { rows: share.rows, cols: share.cols, data: before.data.map((entry, j) => entry + share.data[j]!) } : share);
    });
  }
  return gradients;
}

/** Ops whose value from non-negative inputs bounds the rounding scale of their value: sums and products. */
const ACCUMULATING = new Set(['add', 'mul', 'emul', 'div', 'ediv', 'matmul', 'transpose', 'sum', 'mean', 'dot', 'outer', 'sumcols', 'sumrows']);

/**
 * The scale of each node's rounding error: its value computed with every sum's terms made positive (|a| + |b| for
 * a − b, |A| |B| for a product), so that 1 − tanh²(z) at a saturated z has scale 2 though its value is 0. Two
 * evaluations of equal formulas may differ by a few ulps of this scale, not of the value.
 */
export function magnitudes(matrices: MatrixGraph, roots: readonly NodeId[], values: ReadonlyMap<NodeId, Value>): Map<NodeId, Value> {
  const found = new Map<NodeId, Value>();
  const absolute = (value: Value): Value => ({ rows: value.rows, cols: value.cols, data: value.data.map(Math.abs) });
  for (const id of matrices.graph.ancestors(roots)) {
    const node = matrices.graph.node(id);
    const args = node.inputs.map((input) => found.get(input)!);
    const op = node.op === 'sub' ? 'add' : node.op;
    found.set(id, node.op === 'neg' ? args[0]! : ACCUMULATING.has(op) ? absolute(evaluateOp(op, args)) : absolute(values.get(id)!));
  }
  return found;
}
