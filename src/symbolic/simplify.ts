/**
 * Simplifying constructors over the graph (as SymPy's Add and Mul): sums and products are flattened,
 * like terms and powers of the same base combined, exact rational constants folded.
 * Simplified nodes use only const, var, pi, e, add, mul, pow and functions; a − b is a + (−1)·b,
 * a / b is a·b^(−1). Flattening is bounded so that expression size stays linear on large graphs.
 */
import Fraction from 'fraction.js';
import type { Graph, NodeId } from '../graph/graph.js';
import { atPiMultiple } from './pi-multiples.js';
import { opNamed } from '../ops/index.js';
import { extractRoot, isInteger } from '../ops/exact.js';
import type { Algebra } from '../ops/types.js';

/** Nested sums and products with at most this many operands are merged into their parent. */
const FLATTEN_LIMIT = 16;
/** A simplified sum or product collects at most this many operands before it stops merging. */
const COLLECT_LIMIT = 32;

const ZERO = new Fraction(0);
const ONE = new Fraction(1);

/** Constants whose numerator and denominator together have more bits than this are not folded (folding them could take unbounded time). */
const FOLD_BITS = 2048;

/** Whether an exact constant is small enough to fold. */
function foldable(value: Fraction): boolean {
  return (value.n.toString(16).length + value.d.toString(16).length) * 4 <= FOLD_BITS;
}

/** a·b, skipping fraction.js when a factor is 1 (the common case, and fraction.js parses its argument on every call). */
function times(a: Fraction, b: Fraction): Fraction {
  if (a === ONE) return b;
  if (b === ONE) return a;
  return a.mul(b);
}

/** The simplifying algebra of one graph; every node it returns is simplified. */
export class Simplifier implements Algebra {
  private readonly simplified = new Map<NodeId, NodeId>();
  /** Const nodes of plain numbers already made (num(1), num(-1) are asked for on almost every step). */
  private readonly numbers = new Map<number, NodeId>();

  constructor(readonly graph: Graph) {}

  /** The exact value of a const node, else undefined. */
  valueOf(id: NodeId): Fraction | undefined {
    const node = this.graph.node(id);
    return node.op === 'const' ? node.value : undefined;
  }

  num(value: number | Fraction): NodeId {
    if (value instanceof Fraction) return this.graph.intern('const', [], { value });
    let id = this.numbers.get(value);
    if (id === undefined) {
      id = this.graph.intern('const', [], { value: new Fraction(value) });
      this.numbers.set(value, id);
    }
    return id;
  }

  neg(a: NodeId): NodeId {
    return this.mul(this.num(-1), a);
  }

  sub(a: NodeId, b: NodeId): NodeId {
    return this.add(a, this.neg(b));
  }

  div(numerator: NodeId, denominator: NodeId): NodeId {
    return this.mul(numerator, this.power(denominator, -1));
  }

  add(...terms: NodeId[]): NodeId {
    if (terms.length === 1) return terms[0]!;
    const coefficients = new Map<NodeId, Fraction>();
    let constant = ZERO;
    const visit = (id: NodeId, scale: Fraction): void => {
      const node = this.graph.node(id);
      if (node.op === 'const' && foldable(node.value!) && foldable(constant)) {
        constant = constant.add(times(scale, node.value!));
        return;
      }
      if (node.op === 'add' && this.mergeable(node.inputs.length, coefficients.size)) {
        for (const term of node.inputs) visit(term, scale);
        return;
      }
      const [coefficient, rest] = node.op === 'const' ? [ONE, id] : this.splitCoefficient(id); // an oversized constant stays a term
      const restNode = this.graph.node(rest);
      if (restNode.op === 'add' && this.mergeable(restNode.inputs.length, coefficients.size)) {
        for (const term of restNode.inputs) visit(term, times(scale, coefficient)); // 2(x + 1) + … = 2x + 2 + …
        return;
      }
      const previous = coefficients.get(rest);
      const scaled = times(scale, coefficient);
      coefficients.set(rest, previous ? previous.add(scaled) : scaled);
    };
    for (const term of terms) visit(term, ONE);

    const parts: NodeId[] = [];
    for (const [rest, coefficient] of coefficients) {
      if (coefficient.n === 0n) continue;
      parts.push(coefficient.equals(1) ? rest : this.mul(this.num(coefficient), rest));
    }
    if (constant.n !== 0n) parts.push(this.num(constant));
    if (parts.length === 0) return this.num(0);
    if (parts.length === 1) return parts[0]!;
    return this.graph.intern('add', parts.sort((a, b) => a - b));
  }

  mul(...factors: NodeId[]): NodeId {
    let coefficient = ONE;
    const exponents = new Map<NodeId, NodeId>();
    const unmerged = new Map<NodeId, NodeId>(); // base → the one (already simplified) factor it came from
    const addPower = (base: NodeId, exponent: NodeId, factor: NodeId): void => {
      const previous = exponents.get(base);
      if (previous === undefined) {
        exponents.set(base, exponent);
        unmerged.set(base, factor);
      } else {
        exponents.set(base, this.add(previous, exponent)); // xᵃ·xᵇ = xᵃ⁺ᵇ
        unmerged.delete(base);
      }
    };
    const one = this.num(1);
    const visit = (id: NodeId): void => {
      const node = this.graph.node(id);
      if (node.op === 'const' && foldable(node.value!) && foldable(coefficient)) coefficient = times(coefficient, node.value!);
      else if (node.op === 'const') addPower(id, one, id); // an oversized constant stays a factor
      else if (node.op === 'mul' && this.mergeable(node.inputs.length, exponents.size)) node.inputs.forEach(visit);
      else if (node.op === 'pow') addPower(node.inputs[0]!, node.inputs[1]!, id);
      else addPower(id, one, id);
    };
    factors.forEach(visit);
    if (coefficient.n === 0n) return this.num(0);

    const parts: NodeId[] = [];
    for (const [base, exponent] of exponents) {
      const factor = unmerged.get(base) ?? this.pow(base, exponent);
      const node = this.graph.node(factor);
      if (node.op === 'const') coefficient = times(coefficient, node.value!);
      else if (node.op === 'mul') {
        for (const inner of node.inputs) {
          const value = this.valueOf(inner);
          if (value) coefficient = times(coefficient, value);
          else parts.push(inner);
        }
      } else parts.push(factor);
    }
    if (coefficient.n === 0n) return this.num(0);
    if (parts.length === 0) return this.num(coefficient);
    if (parts.length === 1 && coefficient.equals(1)) return parts[0]!;
    parts.sort((a, b) => a - b);
    return this.graph.intern('mul', coefficient.equals(1) ? parts : [this.num(coefficient), ...parts]);
  }

  power(base: NodeId, exponent: number | Fraction): NodeId {
    return this.pow(base, this.num(exponent));
  }

  pow(base: NodeId, exponent: NodeId): NodeId {
    const e = this.valueOf(exponent);
    const b = this.valueOf(base);
    const baseNode = this.graph.node(base);
    if (e) {
      if (e.n === 0n) return this.num(1);
      if (e.equals(1)) return base;
      if (b) {
        const exact = opNamed('pow').exact!([b, e]);
        if (exact) return this.num(exact);
        const top = extractRoot(b.n, e.d) ?? { outside: 1n, inside: b.n };
        const bottom = extractRoot(b.d, e.d) ?? { outside: 1n, inside: b.d };
        if (e.n === 1n && b.s > 0n && (top.outside !== 1n || bottom.outside !== 1n)) {
          const outside = new Fraction(top.outside, bottom.outside); // √8 = 2·√2: perfect powers come out of the root
          return this.mul(this.num(e.s < 0n ? outside.inverse() : outside), this.pow(this.num(new Fraction(top.inside, bottom.inside)), exponent));
        }
      }
      if (isInteger(e)) {
        if (baseNode.op === 'pow') return this.pow(baseNode.inputs[0]!, this.mul(baseNode.inputs[1]!, exponent)); // (xᵃ)ⁿ = xᵃⁿ
        if (baseNode.op === 'mul' && baseNode.inputs.length <= FLATTEN_LIMIT) {
          return this.mul(...baseNode.inputs.map((factor) => this.pow(factor, exponent))); // (xy)ⁿ = xⁿyⁿ
        }
        if (baseNode.op === 'exp') return this.call('exp', this.mul(exponent, baseNode.inputs[0]!)); // (eˣ)ⁿ = eⁿˣ
      }
    }
    if (b?.equals(1)) return this.num(1);
    if (baseNode.op === 'e') return this.call('exp', exponent);
    return this.graph.intern('pow', [base, exponent]);
  }

  call(op: string, ...args: NodeId[]): NodeId {
    const [first, second] = args;
    if (first === undefined) return this.graph.intern(op, []); // a constant leaf such as pi
    if (op === 'sqrt') return this.power(first!, new Fraction(1, 2));
    if (op === 'log' && second !== undefined) return this.div(this.call('log', first!), this.call('log', second)); // log_b x = ln x / ln b
    const inner = this.graph.node(first!);
    if (op === 'log' && inner.op === 'e') return this.num(1);
    if (op === 'log' && inner.op === 'exp') return inner.inputs[0]!; // ln eᵘ = u
    if (op === 'exp' && inner.op === 'log' && inner.inputs.length === 1) return inner.inputs[0]!; // e^(ln u) = u
    const turns = args.length === 1 ? this.piMultiple(first!) : undefined;
    const special = turns && atPiMultiple(op, turns, this);
    if (special !== undefined) return special; // sin(7π) = 0, cos(π/4) = √2/2
    const definition = opNamed(op);
    const values = args.map((arg) => this.valueOf(arg));
    if (definition.exact && values.every((value) => value !== undefined)) {
      const exact = definition.exact(values as Fraction[]);
      if (exact) return this.num(exact);
    }
    return this.graph.intern(op, args);
  }

  /** q when a simplified node is q·π for a rational q (0 included). */
  piMultiple(id: NodeId): Fraction | undefined {
    const node = this.graph.node(id);
    if (node.op === 'pi') return new Fraction(1);
    const value = this.valueOf(id);
    if (value) return value.n === 0n ? value : undefined;
    if (node.op !== 'mul' || node.inputs.length !== 2) return undefined;
    const [a, b] = node.inputs.map((input) => this.graph.node(input));
    const factor = a!.op === 'pi' ? this.valueOf(node.inputs[1]!) : b!.op === 'pi' ? this.valueOf(node.inputs[0]!) : undefined;
    return factor;
  }

  /** The simplified form of any node of the graph (source gates such as sub, div and neg included). */
  simplify(root: NodeId): NodeId {
    const stack = [root];
    while (stack.length > 0) {
      const id = stack[stack.length - 1]!;
      if (this.simplified.has(id)) {
        stack.pop();
        continue;
      }
      const node = this.graph.node(id);
      const pending = node.inputs.filter((input) => !this.simplified.has(input));
      if (pending.length > 0) {
        stack.push(...pending);
        continue;
      }
      stack.pop();
      this.simplified.set(id, this.rebuild(node.op, node.inputs.map((input) => this.simplified.get(input)!), id));
    }
    return this.simplified.get(root)!;
  }

  private rebuild(op: string, inputs: NodeId[], id: NodeId): NodeId {
    switch (op) {
      case 'const':
      case 'var':
      case 'pi':
      case 'e':
        return id;
      case 'add':
        return this.add(...inputs);
      case 'sub':
        return this.sub(inputs[0]!, inputs[1]!);
      case 'mul':
        return this.mul(...inputs);
      case 'div':
        return this.div(inputs[0]!, inputs[1]!);
      case 'neg':
        return this.neg(inputs[0]!);
      case 'pow':
        return this.pow(inputs[0]!, inputs[1]!);
      default:
        return this.call(op, ...inputs);
    }
  }

  /** A term as coefficient × rest: 3·x·y gives (3, x·y). */
  private splitCoefficient(id: NodeId): [Fraction, NodeId] {
    const node = this.graph.node(id);
    if (node.op !== 'mul') return [ONE, id];
    const coefficient = this.valueOf(node.inputs[0]!);
    if (!coefficient) return [ONE, id];
    const rest = node.inputs.slice(1);
    return [coefficient, rest.length === 1 ? rest[0]! : this.graph.intern('mul', rest)];
  }

  private mergeable(operands: number, collected: number): boolean {
    return operands <= FLATTEN_LIMIT && collected + operands <= COLLECT_LIMIT;
  }
}
