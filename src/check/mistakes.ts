/**
 * The classic mistakes of differentiation, one record each: where it can be made (at which gate of the function), the
 * derivative the mistake gives there (a gate's tangent computed by the wrong rule, from the gate's arguments, value,
 * local derivatives and its inputs' tangents), and what is said to the student. Adding a mistake is adding a record.
 */
import type { Node, NodeId } from '../graph/graph.js';
import type { Gate } from '../numeric/forward.js';
import { opNamed } from '../ops/index.js';

/** The common mistakes a diagnosis can name. */
export type MistakeKind =
  | 'sign'
  | 'constant-factor'
  | 'chain-rule'
  | 'product-rule'
  | 'quotient-rule-sign'
  | 'power-not-decreased'
  | 'sin-cos-swapped'
  /** A matrix claim: the transpose of the right answer (a transpose missing). */
  | 'transpose'
  /** A matrix claim of a shape the derivative cannot have. */
  | 'shape';

/** A gate of the function, as the mistakes see it. */
export interface GateSite {
  readonly id: NodeId;
  readonly node: Node;
  /** The inputs that depend on the variable. */
  readonly varying: readonly NodeId[];
  /** Whether a node depends on the variable. */
  readonly depends: (id: NodeId) => boolean;
  /** The op of a node. */
  readonly op: (id: NodeId) => string;
  /** The constant value of an input (the exponent of u^n), if it has one. */
  readonly constant: (id: NodeId) => number | undefined;
  /** A node as written, and its derivative by the variable. */
  readonly text: (id: NodeId) => string;
  readonly derivativeText: (id: NodeId) => string;
}

/** One way to make a mistake at a gate: the tangent it gives there, and the words for it. */
export interface MistakeAt {
  readonly tangent: (gate: Gate) => number;
  readonly message: () => string;
}

/** A classic mistake: the ways it can be made at a gate (none where it cannot be). */
export interface MistakeRecord {
  readonly kind: MistakeKind;
  readonly at: (site: GateSite) => readonly MistakeAt[];
}

/** The right tangent of a gate: Σ local_i · dot_i. */
const chained = (g: Gate) => g.local.reduce((total, l, i) => total + (g.dots[i] === 0 ? 0 : l * g.dots[i]!), 0);

/** Operators whose derivative has no inner derivative to forget. */
const ARITHMETIC = new Set(['add', 'sub', 'neg', 'mul', 'div']);

/** The inner derivative left out: (f(u))′ written as f′(u). */
const chainRule: MistakeRecord = {
  kind: 'chain-rule',
  at: ({ id, node, varying, op, text, derivativeText }) => {
    const inner = varying[0];
    if (ARITHMETIC.has(node.op) || varying.length !== 1 || inner === undefined || op(inner) === 'var') return []; // f(x): no inner derivative
    const i = node.inputs.indexOf(inner);
    return [
      {
        tangent: (g) => g.local[i]!,
        message: () =>
          `missing inner derivative (chain rule): the derivative of ${text(id)} is the outer derivative times the derivative of the inside, u = ${text(inner)}: multiply by u′ = ${derivativeText(inner)}`,
      },
    ];
  },
};

/** A product-rule term dropped: (uv)′ written as u′v or as uv′. */
const productRule: MistakeRecord = {
  kind: 'product-rule',
  at: ({ id, node, varying, text }) => {
    if (node.op !== 'mul' || node.inputs.length !== 2 || varying.length !== 2) return [];
    const [u, v] = node.inputs as [NodeId, NodeId];
    return [0, 1].map((keep) => ({
      tangent: (g: Gate) => g.local[keep]! * g.dots[keep]!,
      message: () => `a product-rule term is missing in the derivative of ${text(id)}: (uv)′ = u′v + uv′ with u = ${text(u)} and v = ${text(v)}; you have only ${keep === 0 ? 'u′v' : 'uv′'}`,
    }));
  },
};

/** The quotient rule's minus written as a plus. */
const quotientRuleSign: MistakeRecord = {
  kind: 'quotient-rule-sign',
  at: ({ id, node, depends, text }) => {
    const [u, v] = node.inputs as [NodeId, NodeId | undefined];
    if (node.op !== 'div' || v === undefined || !depends(v)) return [];
    return [
      {
        tangent: (g) => g.local[0]! * g.dots[0]! - g.local[1]! * g.dots[1]!,
        message: () => `quotient rule sign: (u/v)′ = (u′v − uv′)/v² with a minus, for u = ${text(u)} and v = ${text(v)}; your answer adds the two terms`,
      },
    ];
  },
};

/** The power not decreased: (u^n)′ written as n·u^n·u′ (and √u's likewise). */
const powerNotDecreased: MistakeRecord = {
  kind: 'power-not-decreased',
  at: ({ id, node, depends, constant, text }) => {
    const [u, exponent] = node.inputs as [NodeId, NodeId | undefined];
    if (!depends(u)) return [];
    if (node.op === 'sqrt') {
      return [{ tangent: (g) => 0.5 * g.out * g.dots[0]!, message: () => `the power was not decreased in the derivative of ${text(id)}: √u = u^(1/2), so (√u)′ = (1/2)·u^(−1/2)·u′` }];
    }
    const n = node.op === 'pow' && exponent !== undefined ? constant(exponent) : undefined;
    if (n === undefined) return [];
    return [{ tangent: (g) => n * g.out * g.dots[0]!, message: () => `the power was not decreased in the derivative of ${text(id)}: (u^n)′ = n·u^(n−1)·u′, so the exponent becomes ${niceNumber(n - 1)}` }];
  },
};

/** Functions whose derivative students write with the wrong partner (sin for cos, cosh for sinh, csc² for sec²). */
const SWAPS: Readonly<Record<string, { readonly wrong: (u: number) => number; readonly words: string; readonly rule: string }>> = {
  sin: { wrong: Math.sin, words: 'sin and cos are mixed up', rule: '(sin u)′ = cos(u)·u′ and (cos u)′ = −sin(u)·u′' },
  cos: { wrong: Math.cos, words: 'sin and cos are mixed up', rule: '(sin u)′ = cos(u)·u′ and (cos u)′ = −sin(u)·u′' },
  sinh: { wrong: Math.sinh, words: 'sinh and cosh are mixed up', rule: '(sinh u)′ = cosh(u)·u′ and (cosh u)′ = sinh(u)·u′' },
  cosh: { wrong: Math.cosh, words: 'sinh and cosh are mixed up', rule: '(sinh u)′ = cosh(u)·u′ and (cosh u)′ = sinh(u)·u′' },
  tan: { wrong: (u) => 1 / Math.sin(u) ** 2, words: 'sin and cos are mixed up', rule: '(tan u)′ = u′/cos²(u), not u′/sin²(u)' },
};

/** sin's derivative written with sin (or −sin), and the like. */
const swapped: MistakeRecord = {
  kind: 'sin-cos-swapped',
  at: ({ id, node, varying, text }) => {
    const swap = SWAPS[node.op];
    if (!swap || varying.length === 0) return [];
    return [1, -1].map((sign) => ({ tangent: (g: Gate) => sign * swap.wrong(g.args[0]!) * g.dots[0]!, message: () => `${swap.words} in the derivative of ${text(id)}: ${swap.rule}` }));
  },
};

/** swish(u) = u·σ(u) differentiated with one product-rule term. */
const swishProduct: MistakeRecord = {
  kind: 'product-rule',
  at: ({ id, node, varying, text }) => {
    if (node.op !== 'swish' || varying.length === 0) return [];
    const sigmoid = opNamed('sigmoid');
    const message = () => `a product-rule term is missing in the derivative of ${text(id)} = u·σ(u): (uσ(u))′ = σ(u)·u′ + u·σ(u)(1 − σ(u))·u′`;
    return [
      { tangent: (g) => sigmoid.eval(g.args) * g.dots[0]!, message },
      {
        tangent: (g) => {
          const s = sigmoid.eval(g.args);
          return g.args[0]! * s * (1 - s) * g.dots[0]!;
        },
        message,
      },
    ];
  },
};

/** One input's share of a gate's derivative with the wrong sign. */
const signError: MistakeRecord = {
  kind: 'sign',
  at: ({ id, node, depends, text }) => {
    if (node.op === 'add' || node.op === 'mul') return [];
    return node.inputs.flatMap((input, i) =>
      depends(input) ? [{ tangent: (g: Gate) => chained(g) - 2 * g.local[i]! * g.dots[i]!, message: () => `sign error in the derivative of ${text(id)} (by ${text(input)}): its derivative is ${derivativeSign(node.op)}` }] : [],
    );
  },
};

/** Every classic mistake, in the order they are tried at a gate. */
export const MISTAKES: readonly MistakeRecord[] = [chainRule, productRule, quotientRuleSign, powerNotDecreased, swapped, swishProduct, signError];

/** How the derivative of an op goes, for sign-error messages. */
function derivativeSign(op: string): string {
  const known: Record<string, string> = {
    sin: '(sin u)′ = cos(u)·u′',
    cos: '(cos u)′ = −sin(u)·u′',
    sub: '(u − v)′ = u′ − v′',
    div: '(u/v)′ = (u′v − uv′)/v²',
    neg: '(−u)′ = −u′',
    acos: '(acos u)′ = −u′/√(1 − u²)',
    pow: '(u^n)′ = n·u^(n−1)·u′',
    log: '(ln u)′ = u′/u',
    exp: '(e^u)′ = e^u·u′',
  };
  return known[op] ?? `the derivative of ${op} times the inner derivative`;
}

/** A ratio as a short number: 2, 1/2, -3/4, or 0.577. */
export function niceNumber(value: number): string {
  for (let denominator = 1; denominator <= 12; denominator++) {
    const numerator = Math.round(value * denominator);
    if (Math.abs(numerator / denominator - value) < 1e-9 * Math.max(1, Math.abs(value))) {
      return denominator === 1 ? String(numerator) : `${numerator}/${denominator}`;
    }
  }
  return String(Number(value.toPrecision(3)));
}
