/**
 * Jacobians in matrix form, read off a vector-Jacobian product: reverse mode from a vector output f with an upstream
 * column u gives ∂f/∂x applied to u, an expression linear in u (Wᵀ (u ⊙ (1 − f²)) for f = tanh(W x)). Writing it as
 * M u, with u ⊙ d = diag(d) u and the other rules below, gives the Jacobian in denominator layout, M, and in numerator
 * layout, Mᵀ = diag(1 − f²) W. Where no rule applies the Jacobian is given only applied to u.
 */
import type { NodeId } from '../graph/graph.js';
import type { MatrixAlgebra } from './algebra.js';

/** The matrix M with `expr` = M u, for `expr` linear in the column u; undefined when no rule writes it so. */
export function linearMap(algebra: MatrixAlgebra, expr: NodeId, u: NodeId): NodeId | undefined {
  const graph = algebra.matrices.graph;
  const dependent = new Set<NodeId>([u]);
  for (const id of graph.ancestors([expr])) if (graph.node(id).inputs.some((input) => dependent.has(input))) dependent.add(id);
  const size = (id: NodeId) => algebra.matrices.shape(id);
  const isColumn = (id: NodeId) => size(id)?.cols === 1;
  const memo = new Map<NodeId, NodeId | undefined>();
  const map = (id: NodeId): NodeId | undefined => {
    if (memo.has(id)) return memo.get(id);
    const found = rule(id);
    memo.set(id, found);
    return found;
  };
  const rule = (id: NodeId): NodeId | undefined => {
    if (id === u) return algebra.matrices.identity(size(u)!.rows);
    if (!dependent.has(id)) return undefined; // a part that does not move with u: not linear
    const node = graph.node(id);
    const [a, b] = node.inputs as [NodeId, NodeId];
    const both = (join: (x: NodeId, y: NodeId) => NodeId) => {
      const [x, y] = [map(a), map(b)];
      return x === undefined || y === undefined ? undefined : join(x, y);
    };
    const scaled = (factor: NodeId, linear: NodeId) => {
      const inner = map(linear);
      if (inner === undefined) return undefined;
      if (!size(factor)) return algebra.mul(factor, inner); // c M
      if (!size(linear) && isColumn(factor)) return algebra.matmul(factor, inner); // a scalar t(u) times d: d M_t
      if (isColumn(factor) && isColumn(linear)) return algebra.matmul(algebra.call('diag', factor), inner); // d ⊙ v = diag(d) v
      return undefined;
    };
    switch (node.op) {
      case 'add':
        return dependent.has(a) && dependent.has(b) ? both((x, y) => algebra.add(x, y)) : undefined;
      case 'sub':
        return dependent.has(a) && dependent.has(b) ? both((x, y) => algebra.sub(x, y)) : undefined;
      case 'neg': {
        const inner = map(a);
        return inner === undefined ? undefined : algebra.neg(inner);
      }
      case 'mul':
      case 'emul':
        if (dependent.has(a) && dependent.has(b)) return undefined; // quadratic in u
        return dependent.has(a) ? scaled(b, a) : scaled(a, b);
      case 'div':
        return dependent.has(b) ? undefined : scaled(algebra.div(algebra.num(1), b), a);
      case 'ediv':
        return dependent.has(b) ? undefined : scaled(algebra.div(algebra.num(1), b), a);
      case 'matmul': {
        if (dependent.has(a)) return undefined; // u on the left of a product: not a column map here
        const inner = map(b);
        return inner === undefined ? undefined : algebra.matmul(a, inner);
      }
      case 'dot': {
        const [other, linear] = dependent.has(a) ? [b, a] : [a, b];
        const inner = dependent.has(other) ? undefined : map(linear);
        return inner === undefined ? undefined : algebra.matmul(algebra.transpose(other), inner); // dᵀ M
      }
      case 'sumrows': {
        const inner = isColumn(a) ? map(a) : undefined;
        return inner === undefined ? undefined : algebra.matmul(algebra.ones({ rows: 1, cols: size(a)!.rows }), inner); // 𝟏ᵀ M
      }
      case 'sum': {
        const inner = isColumn(a) ? map(a) : undefined;
        return inner === undefined ? undefined : algebra.matmul(algebra.ones({ rows: 1, cols: size(a)!.rows }), inner);
      }
      default:
        return undefined;
    }
  };
  return map(expr);
}
