/**
 * Printers for graphs, as reducers keyed by op: plain text (which the grammar parses back) and LaTeX.
 * `display` mode writes simplified graphs the way a person would (x − y, 2·x·y/z, √x);
 * `faithful` mode writes every gate as it stands, so that parsing the text gives the same graph.
 */
import type Fraction from 'fraction.js';
import type { Graph, NodeId } from '../graph/graph.js';
import { opNamed } from '../ops/index.js';
import { sharedNames } from './share.js';
import { DisplayOrder } from './order.js';

/** How tightly a printed piece binds. */
const enum Prec {
  Sum = 1,
  Product = 2,
  Power = 3,
  Atom = 4,
}

interface Piece {
  readonly text: string;
  readonly prec: Prec;
  /** The text starts with a minus sign. */
  readonly negative: boolean;
}

/** The surface differences between text and LaTeX. */
interface Style {
  integer(value: bigint): string;
  name(name: string): string;
  constant(op: 'pi' | 'e'): string;
  paren(text: string): string;
  times(factors: readonly string[]): string;
  /** Whether a lone factor above or below a fraction bar still needs parentheses (text: yes; LaTeX: no). */
  readonly parenthesiseLoneFactors: boolean;
  /** `numerator / denominator`. */
  fraction(numerator: Piece, denominator: Piece): string;
  power(base: string, exponent: Piece): string;
  sqrt(argument: string): string;
  call(op: string, args: readonly string[]): string;
}

const TEXT: Style = {
  integer: (value) => value.toString(),
  name: (name) => name,
  constant: (op) => op,
  paren: (text) => `(${text})`,
  times: (factors) => factors.join('*'),
  parenthesiseLoneFactors: true,
  fraction: (numerator, denominator) =>
    `${numerator.prec < Prec.Product ? `(${numerator.text})` : numerator.text}/${
      denominator.prec < Prec.Power || denominator.negative ? `(${denominator.text})` : denominator.text
    }`,
  power: (base, exponent) => `${base}^${exponent.prec === Prec.Atom && !exponent.negative ? exponent.text : `(${exponent.text})`}`,
  sqrt: (argument) => `sqrt(${argument})`,
  call: (op, args) => `${op}(${args.join(', ')})`,
};

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi',
  'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Sigma',
  'Phi', 'Psi', 'Omega',
]);

/** A variable's (or any name's) LaTeX: w1 as w_{1}, alpha as \\alpha, long names upright. */
export function texName(name: string): string {
  const match = /^([A-Za-z]+?)_?([0-9]+)$/.exec(name) ?? /^([A-Za-z]+)_([A-Za-z0-9_]+)$/.exec(name);
  if (match && match[1] !== name) return `${texName(match[1]!)}_{${match[2]!.replace(/_/g, '\\_')}}`;
  if (GREEK.has(name)) return `\\${name}`;
  return name.length === 1 ? name : `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}

const TEX: Style = {
  integer: (value) => value.toString(),
  name: texName,
  constant: (op) => (op === 'pi' ? '\\pi' : 'e'),
  paren: (text) => `\\left(${text}\\right)`,
  times: (factors) =>
    factors.reduce((joined, factor, i) => (i === 0 ? factor : `${joined}${/^[0-9.]/.test(factor) ? ' \\cdot ' : ' '}${factor}`), ''),
  parenthesiseLoneFactors: false,
  fraction: (numerator, denominator) => `\\frac{${numerator.text}}{${denominator.text}}`,
  power: (base, exponent) => `${base}^{${exponent.text}}`,
  sqrt: (argument) => `\\sqrt{${argument}}`,
  call: (op, args) => {
    if (op === 'abs') return `\\left|${args[0]}\\right|`;
    if (op === 'exp') return `e^{${args[0]}}`;
    if (op === 'sqrt') return `\\sqrt{${args[0]}}`; // \sqrt takes a braced argument, never \left( … \right)
    return `${opNamed(op).tex ?? `\\operatorname{${op.replace(/_/g, '\\_')}}`}\\left(${args.join(', ')}\\right)`;
  },
};

/** Options for the printers. */
export interface PrintOptions {
  /** `display` (default) for simplified graphs; `faithful` keeps every gate as written. */
  readonly mode?: 'display' | 'faithful';
  /**
   * Nodes to write as a name instead of in full (shared subexpressions given names). Without them, an expression
   * too large to write out as a tree names its shared parts itself: `u1 = …; u2 = …; expression`, linear in the graph.
   */
  readonly names?: ReadonlyMap<NodeId, string>;
}

/** Plain text that the expression grammar parses back. */
export function printText(graph: Graph, root: NodeId, options: PrintOptions = {}): string {
  return printWith(graph, root, options, TEXT, (name, text) => `${name} = ${text}`, '; ');
}

/** LaTeX math (without surrounding $). */
export function printLatex(graph: Graph, root: NodeId, options: PrintOptions = {}): string {
  return printWith(graph, root, options, TEX, (name, latex) => `${texName(name)} = ${latex}`, ',\\; ');
}

/** An expression in a syntax, its shared parts named first when it is too large to write out (see PrintOptions.names). */
function printWith(graph: Graph, root: NodeId, options: PrintOptions, syntax: Style, define: (name: string, printed: string) => string, separator: string): string {
  if (options.names !== undefined) return new Printer(graph, syntax, options).print(root).text;
  const taken = new Set(graph.ancestors([root]).flatMap((id) => (graph.node(id).op === 'var' ? [graph.node(id).name!] : [])));
  const names = sharedNames(graph, [root], taken);
  const printer = new Printer(graph, syntax, { ...options, names });
  const definitions = [...names].map(([node, name]) => define(name, new Printer(graph, syntax, { ...options, names }).print(node).text));
  return [...definitions, printer.print(root).text].join(separator);
}

/** One display order per graph: its keys depend only on the (immutable) nodes, so every printer of the graph shares them. */
const ORDERS = new WeakMap<Graph, DisplayOrder>();

function displayOrder(graph: Graph): DisplayOrder {
  let order = ORDERS.get(graph);
  if (!order) ORDERS.set(graph, (order = new DisplayOrder(graph)));
  return order;
}

class Printer {
  private readonly order: DisplayOrder;
  private readonly mode: 'display' | 'faithful';
  private readonly names: ReadonlyMap<NodeId, string>;
  private readonly printed = new Map<NodeId, string>();
  private root: NodeId | undefined;

  /** Reading order of terms, then factors: by degree and name, and by printed text to break ties. */
  private readonly byTerm = (a: NodeId, b: NodeId): number => this.order.compareTerms(a, b) || this.compareText(a, b);
  private readonly byFactor = (a: NodeId, b: NodeId): number => this.order.compareFactors(a, b) || this.compareText(a, b);

  constructor(
    private readonly graph: Graph,
    private readonly style: Style,
    options: PrintOptions,
  ) {
    this.order = displayOrder(graph); // a key computed afresh per printer made printing many nodes of a large graph quadratic
    this.mode = options.mode ?? 'display';
    this.names = options.names ?? new Map();
  }

  private compareText(a: NodeId, b: NodeId): number {
    const text = (id: NodeId) => {
      let found = this.printed.get(id);
      if (found === undefined) this.printed.set(id, (found = this.print(id).text));
      return found;
    };
    const [ta, tb] = [text(a), text(b)];
    return ta < tb ? -1 : ta > tb ? 1 : a - b;
  }

  print(id: NodeId): Piece {
    this.root ??= id;
    const name = id === this.root ? undefined : this.names.get(id);
    if (name !== undefined) return atom(this.style.name(name));
    const node = this.graph.node(id);
    switch (node.op) {
      case 'const':
        return this.number(node.value!);
      case 'var':
        return atom(this.style.name(node.name!));
      case 'pi':
      case 'e':
        return atom(this.style.constant(node.op));
      case 'add':
        return this.mode === 'display' ? this.sum(node.inputs) : this.chain(node.inputs, ' + ', Prec.Sum);
      case 'sub':
        return this.chain(node.inputs, ' - ', Prec.Sum);
      case 'mul':
        return this.mode === 'display' ? this.product(node.inputs, false) : this.chain(node.inputs, '*', Prec.Product);
      case 'div': {
        const [numerator, denominator] = node.inputs.map((input) => this.print(input)) as [Piece, Piece];
        return { text: this.style.fraction(numerator, denominator), prec: Prec.Product, negative: numerator.negative && this.style === TEXT };
      }
      case 'neg': {
        const argument = this.print(node.inputs[0]!);
        return { text: `-${this.wrap(argument, Prec.Power, false)}`, prec: Prec.Product, negative: true };
      }
      case 'pow':
        return this.power(id);
      default: {
        const text = this.style.call(node.op, node.inputs.map((input) => this.print(input).text));
        return { text, prec: text.startsWith('e^') ? Prec.Power : Prec.Atom, negative: false }; // LaTeX writes exp(u) as e^{u}
      }
    }
  }

  private number(value: Fraction): Piece {
    const negative = value.s < 0n && value.n !== 0n;
    const sign = negative ? '-' : '';
    const decimal = this.mode === 'faithful' ? decimalText(value) : undefined;
    if (decimal !== undefined) return { text: decimal, prec: negative ? Prec.Product : Prec.Atom, negative };
    if (value.d === 1n) return { text: `${sign}${this.style.integer(value.n)}`, prec: negative ? Prec.Product : Prec.Atom, negative };
    const fraction = this.style.fraction(atom(this.style.integer(value.n)), atom(this.style.integer(value.d)));
    return { text: `${sign}${fraction}`, prec: Prec.Product, negative };
  }

  /** Operands joined by an operator, each parenthesised where needed to keep the gate structure. */
  private chain(inputs: readonly NodeId[], operator: string, prec: Prec): Piece {
    const parts = inputs.map((input, i) => this.wrap(this.print(input), i === 0 ? prec : prec + 1, i === 0));
    const text = this.style === TEX && operator === '*' ? this.style.times(parts) : parts.join(operator);
    return { text, prec, negative: parts[0]!.startsWith('-') };
  }

  /** A simplified sum (negated when `negate`: −(y − a) reads a − y): terms in reading order, negative ones with −. */
  private sum(inputs: readonly NodeId[], negate = false): Piece {
    const negativeTerm = (term: NodeId) => this.isNegative(term) !== negate;
    const terms = [...inputs].sort(this.byTerm);
    const firstPositive = terms.findIndex((term) => !negativeTerm(term));
    if (firstPositive > 0) terms.unshift(...terms.splice(firstPositive, 1));
    let text = '';
    terms.forEach((term, i) => {
      const negative = negativeTerm(term);
      const piece = this.isNegative(term) ? this.negated(term) : this.print(term);
      const shown = this.wrap(piece, Prec.Product, false);
      text += i === 0 ? `${negative ? '-' : ''}${shown}` : `${negative ? ' - ' : ' + '}${shown}`;
    });
    return { text, prec: Prec.Sum, negative: text.startsWith('-') };
  }

  private isNegative(id: NodeId): boolean {
    const node = this.graph.node(id);
    if (node.op === 'const') return node.value!.s < 0n && node.value!.n !== 0n;
    if (node.op !== 'mul') return false;
    const first = this.graph.node(node.inputs[0]!);
    return first.op === 'const' && first.value!.s < 0n;
  }

  /** The printed form of −term for a negative term. */
  private negated(id: NodeId): Piece {
    const node = this.graph.node(id);
    if (node.op === 'const') return this.number(node.value!.neg());
    return this.product(node.inputs, true);
  }

  /** A simplified product: coefficient, numerator factors, then denominator factors. */
  private product(inputs: readonly NodeId[], flipSign: boolean): Piece {
    const first = this.graph.node(inputs[0]!);
    let coefficient = first.op === 'const' ? first.value! : undefined;
    const factors = [...(coefficient ? inputs.slice(1) : inputs)].sort(this.byFactor);
    if (coefficient && flipSign) coefficient = coefficient.neg();
    const lone = factors.length === 1 ? this.graph.node(factors[0]!) : undefined;
    if (coefficient?.equals(-1) && lone?.op === 'add') {
      // −(y − a) reads a − y, but −(x + 1) stays: distribute the minus when it removes as many signs as it adds
      const negatives = lone.inputs.filter((term) => this.isNegative(term)).length;
      if (2 * negatives >= lone.inputs.length) return this.sum(lone.inputs, true);
    }
    const negative = coefficient !== undefined && coefficient.s < 0n;
    const numerator: Piece[] = [];
    const denominator: Piece[] = [];
    if (coefficient && coefficient.n !== 1n) numerator.push(atom(this.style.integer(coefficient.n)));
    if (coefficient && coefficient.d !== 1n) denominator.push(atom(this.style.integer(coefficient.d)));
    for (const factor of factors) {
      const inverse = this.inverseOf(factor);
      if (inverse) denominator.push(inverse);
      else numerator.push(this.print(factor));
    }
    const top = numerator.length === 0 ? atom('1') : this.joinFactors(numerator, denominator.length > 0);
    const sign = negative ? '-' : '';
    if (denominator.length === 0) return { text: `${sign}${top.text}`, prec: Prec.Product, negative };
    return { text: `${sign}${this.style.fraction(top, this.joinFactors(denominator, true))}`, prec: Prec.Product, negative };
  }

  /** Factors written side by side, each parenthesised where it binds looser than a power. */
  private joinFactors(factors: readonly Piece[], aboveOrBelowBar: boolean): Piece {
    if (factors.length === 1 && aboveOrBelowBar && !this.style.parenthesiseLoneFactors) return factors[0]!;
    const text = this.style.times(factors.map((piece) => this.wrap(piece, Prec.Power, false)));
    return { text, prec: factors.length === 1 ? Math.max(factors[0]!.prec, Prec.Power) : Prec.Product, negative: false };
  }

  /** For b^(−k) with a constant k > 0, the printed b^k; otherwise undefined. */
  private inverseOf(id: NodeId): Piece | undefined {
    if (this.mode !== 'display') return undefined;
    const node = this.graph.node(id);
    if (node.op !== 'pow') return undefined;
    const exponent = this.graph.node(node.inputs[1]!);
    if (exponent.op !== 'const' || exponent.value!.s >= 0n || exponent.value!.n === 0n) return undefined;
    return this.powerWith(node.inputs[0]!, exponent.value!.neg());
  }

  private power(id: NodeId): Piece {
    const [base, exponent] = this.graph.node(id).inputs as [NodeId, NodeId];
    const exponentNode = this.graph.node(exponent);
    if (this.mode === 'display' && exponentNode.op === 'const') {
      const value = exponentNode.value!;
      if (value.s < 0n && value.n !== 0n) return this.product([id], false); // x^(−2) reads 1/x^2
      return this.powerWith(base, value);
    }
    return this.raise(base, this.print(exponent));
  }

  private powerWith(base: NodeId, exponent: Fraction): Piece {
    if (this.mode === 'display' && exponent.n === 1n && exponent.d === 2n) return atom(this.style.sqrt(this.print(base).text));
    if (exponent.n === 1n && exponent.d === 1n) return this.print(base);
    return this.raise(base, this.number(exponent));
  }

  private raise(base: NodeId, exponent: Piece): Piece {
    const printed = this.print(base);
    const shownBase = printed.prec === Prec.Atom && !printed.negative ? printed.text : this.style.paren(printed.text);
    return { text: this.style.power(shownBase, exponent), prec: Prec.Power, negative: false };
  }

  /** The piece's text, in parentheses when it binds looser than `needed` (or starts with − where that is not allowed). */
  private wrap(piece: Piece, needed: Prec, allowNegative: boolean): string {
    if (piece.prec < needed || (piece.negative && !allowNegative)) return this.style.paren(piece.text);
    return piece.text;
  }
}

/** A rational with a terminating decimal expansion written as a decimal (1/5 → 0.2), else undefined. */
function decimalText(value: Fraction): string | undefined {
  if (value.d === 1n) return undefined;
  let d = value.d;
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  if (d !== 1n) return undefined;
  for (let places = 1; places <= 400; places++) {
    const text = value.toString(places);
    if (value.equals(text)) return text;
  }
  return undefined;
}

function atom(text: string): Piece {
  return { text, prec: Prec.Atom, negative: false };
}
