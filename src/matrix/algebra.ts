/**
 * Simplifying constructors for matrix-level expressions: what the rules build derivatives with. The scalar ops'
 * own symbolic partials run on it unchanged (it is an `Algebra`): applied to a matrix, `mul` is the elementwise
 * product, `call('sigmoid', z)` is σ entry by entry, so sigmoid's rule gives σ(z) ⊙ (1 − σ(z)) in matrix form.
 * A few rewrites keep results as the lectures write them: 1·X = X, X ⊙ 𝟏 = X, (Xᵀ)ᵀ = X, −(−X) = X, X + X = 2 X, sums of 0.
 */
import Fraction from 'fraction.js';
import type { NodeId } from '../graph/graph.js';
import type { Algebra } from '../ops/types.js';
import type { TensorShape } from '../tensor/shape.js';
import type { MatrixGraph } from './graph.js';

/** The matrix-level simplifying constructors. */
export class MatrixAlgebra implements Algebra {
  constructor(readonly matrices: MatrixGraph) {}

  private value(id: NodeId): Fraction | undefined {
    return this.matrices.constantValue(id);
  }

  private isZero(id: NodeId): boolean {
    return this.value(id)?.equals(0) ?? false;
  }

  private isOne(id: NodeId): boolean {
    return this.value(id)?.equals(1) ?? false;
  }

  private isOnes(id: NodeId): boolean {
    return this.matrices.graph.node(id).op === 'ones';
  }

  private scalar(id: NodeId): boolean {
    return this.matrices.shape(id) === undefined;
  }

  num(value: number | Fraction): NodeId {
    return this.matrices.constant(value);
  }

  ones(shape: TensorShape): NodeId {
    return this.matrices.ones(shape);
  }

  add(...terms: NodeId[]): NodeId {
    const counts = new Map<NodeId, number>(); // X + X = 2 X (a node used twice, as z in z ⊙ z)
    for (const term of terms) if (!this.isZero(term)) counts.set(term, (counts.get(term) ?? 0) + 1);
    const kept = [...counts].map(([term, count]) => (count === 1 ? term : this.mul(this.num(count), term)));
    if (kept.length === 0) return this.num(0);
    return kept.reduce((sum, term) => {
      const [a, b] = [this.value(sum), this.value(term)];
      if (a && b) return this.num(a.add(b));
      return this.matrices.apply('add', [sum, term]);
    });
  }

  sub(a: NodeId, b: NodeId): NodeId {
    if (this.isZero(b)) return a;
    if (this.isZero(a)) return this.neg(b);
    const [x, y] = [this.value(a), this.value(b)];
    if (x && y) return this.num(x.sub(y));
    return this.matrices.apply('sub', [a, b]);
  }

  neg(a: NodeId): NodeId {
    const value = this.value(a);
    if (value) return this.num(value.neg());
    const node = this.matrices.graph.node(a);
    if (node.op === 'neg') return node.inputs[0]!;
    const coefficient = node.op === 'mul' ? this.value(node.inputs[0]!) : undefined;
    if (coefficient) return this.mul(this.num(coefficient.neg()), node.inputs[1]!); // −(2 X) = −2 X
    const scale = node.op === 'mul' ? this.matrices.graph.node(node.inputs[0]!) : undefined;
    const numerator = scale?.op === 'div' ? this.value(scale.inputs[0]!) : undefined;
    if (numerator) return this.matrices.apply('mul', [this.matrices.apply('div', [this.num(numerator.neg()), scale!.inputs[1]!]), node.inputs[1]!]); // −(2/B X) = −2/B X
    return this.matrices.apply('neg', [a]);
  }

  /** The product of factors: scalars multiply, and tensors of one shape multiply entry by entry (⊙). */
  mul(...factors: NodeId[]): NodeId {
    if (factors.some((factor) => this.isZero(factor))) return this.num(0);
    const kept = factors.filter((factor) => !this.isOne(factor));
    if (kept.length === 0) return this.num(1);
    let coefficient = new Fraction(1);
    const rest: NodeId[] = [];
    for (const factor of kept) {
      const value = this.value(factor);
      if (value) coefficient = coefficient.mul(value);
      else rest.push(factor);
    }
    const tensors = rest.filter((factor) => !this.scalar(factor));
    const scalars = rest.filter((factor) => this.scalar(factor));
    const sameShape = (a: NodeId, b: NodeId) => this.matrices.shape(a)!.rows === this.matrices.shape(b)!.rows && this.matrices.shape(a)!.cols === this.matrices.shape(b)!.cols;
    // X ⊙ 𝟏 = X where 𝟏 has X's shape (a column times 𝟏 of a matrix's shape stretches the column: it stays)
    const withoutOnes = tensors.filter((factor) => !this.isOnes(factor) || !tensors.some((other) => other !== factor && !this.isOnes(other) && sameShape(other, factor)));
    const tensor = withoutOnes.length === 0 ? (tensors[0] ?? undefined) : withoutOnes.reduce((product, factor) => this.matrices.apply('emul', [product, factor]));
    const scalar = scalars.reduce<NodeId | undefined>((product, factor) => (product === undefined ? factor : this.matrices.apply('mul', [product, factor])), undefined);
    // 2 · (1/B) is 2/B
    const quotient = scalar === undefined ? undefined : this.matrices.graph.node(scalar);
    const numerator = quotient?.op === 'div' ? this.value(quotient.inputs[0]!) : undefined;
    const folded = numerator && quotient ? this.matrices.apply('div', [this.num(coefficient.mul(numerator)), quotient.inputs[1]!]) : undefined;
    const parts = folded !== undefined ? [folded] : [...(coefficient.equals(1) ? [] : [this.num(coefficient)]), ...(scalar === undefined ? [] : [scalar])];
    const scale = parts.length === 0 ? undefined : parts.length === 1 ? parts[0]! : this.matrices.apply('mul', [parts[0]!, parts[1]!]);
    if (tensor === undefined) return scale ?? this.num(1);
    return scale === undefined ? tensor : this.matrices.apply('mul', [scale, tensor]);
  }

  div(numerator: NodeId, denominator: NodeId): NodeId {
    if (this.isOne(denominator)) return numerator;
    const [a, b] = [this.value(numerator), this.value(denominator)];
    if (a && b && !b.equals(0)) return this.num(a.div(b));
    if (this.scalar(denominator)) {
      const inverse = this.value(denominator);
      return inverse && !inverse.equals(0) ? this.mul(this.num(inverse.inverse()), numerator) : this.matrices.apply('div', [numerator, denominator]);
    }
    return this.matrices.apply('ediv', [numerator, denominator]);
  }

  pow(base: NodeId, exponent: NodeId): NodeId {
    if (this.isOne(exponent)) return base;
    return this.matrices.apply(this.scalar(base) && this.scalar(exponent) ? 'pow' : 'epow', [base, exponent]);
  }

  power(base: NodeId, exponent: number | Fraction): NodeId {
    return this.pow(base, this.num(exponent));
  }

  call(op: string, ...args: NodeId[]): NodeId {
    return this.matrices.apply(op, args);
  }

  /** The matrix product A B, with scalar factors taken out in front: A (c B) = c (A B), and I A = A I = A. */
  matmul(a: NodeId, b: NodeId): NodeId {
    if (this.matrices.graph.node(a).op === 'eye') return b;
    if (this.matrices.graph.node(b).op === 'eye') return a;
    const [left, right] = [this.scaled(a), this.scaled(b)];
    if (left.factor === undefined && right.factor === undefined) return this.matrices.apply('matmul', [a, b]);
    const factor = left.factor === undefined ? right.factor! : right.factor === undefined ? left.factor : this.mul(left.factor, right.factor);
    return this.mul(factor, this.matmul(left.tensor, right.tensor));
  }

  /** A tensor as a scalar factor times a tensor (c·X), when it is written so. */
  private scaled(id: NodeId): { factor?: NodeId; tensor: NodeId } {
    const node = this.matrices.graph.node(id);
    if (node.op === 'mul' && !this.scalar(id)) {
      const [first, second] = node.inputs as [NodeId, NodeId];
      if (this.scalar(first)) return { factor: first, tensor: second };
    }
    if (node.op === 'neg' && !this.scalar(id)) return { factor: this.num(-1), tensor: node.inputs[0]! };
    return { tensor: id };
  }

  /** Aᵀ, with (Aᵀ)ᵀ = A, (A B)ᵀ = Bᵀ Aᵀ, (c A)ᵀ = c Aᵀ, and a scalar, I and diag(d) their own transposes. */
  transpose(a: NodeId): NodeId {
    if (this.scalar(a)) return a;
    const node = this.matrices.graph.node(a);
    if (node.op === 'transpose') return node.inputs[0]!;
    if (node.op === 'ones') return this.ones({ rows: this.matrices.shape(a)!.cols, cols: this.matrices.shape(a)!.rows });
    if (node.op === 'eye' || node.op === 'diag') return a; // symmetric
    if (node.op === 'matmul') return this.matmul(this.transpose(node.inputs[1]!), this.transpose(node.inputs[0]!)); // (A B)ᵀ = Bᵀ Aᵀ
    if (node.op === 'mul' && this.scalar(node.inputs[0]!)) return this.mul(node.inputs[0]!, this.transpose(node.inputs[1]!));
    if (node.op === 'neg') return this.neg(this.transpose(node.inputs[0]!));
    return this.matrices.apply('transpose', [a]);
  }

  /** A gradient summed back to the shape of what it is a gradient of (a bias over a batch: summed over columns). */
  unbroadcast(gradient: NodeId, to: TensorShape | undefined): NodeId {
    const from = this.matrices.shape(gradient);
    if (!from || (to && from.rows === to.rows && from.cols === to.cols)) return gradient;
    const { factor, tensor } = this.scaled(gradient);
    if (factor !== undefined) return this.mul(factor, this.unbroadcast(tensor, to)); // sumcols(c X) = c sumcols(X)
    if (!to) return this.call('sum', gradient);
    return this.call('sumcols', gradient); // a column over the columns of a matrix
  }

  /** `value` stretched to a shape (a scalar times 𝟏). */
  stretched(value: NodeId, shape: TensorShape | undefined): NodeId {
    if (!shape || !this.scalar(value)) return value;
    return this.mul(value, this.ones(shape));
  }
}
