/**
 * Matrix expressions as the lectures write them, in text (`2 (W x − y) xᵀ`, `W2ᵀ δ ⊙ step(z1)`), which the tensor
 * syntax reads back (a product by juxtaposition, ᵀ the transpose, ⊙ and ⊘ elementwise), and in LaTeX (`W x`,
 * `x^\top`, `\odot`, `\mathbf{1}`). Nodes given names (a program's bindings z1 = W1 x + b1, or a named adjoint) are
 * written by their names. A product is put in parentheses beside ⊙ and ⊘, so that `(W2ᵀ δ) ⊙ step(z1)` reads one way.
 */
import type { NodeId } from '../graph/graph.js';
import { functionNamed } from '../ops/index.js';
import { texName } from '../symbolic/print.js';
import type { MatrixGraph } from './graph.js';

/** Precedence of what an expression is, as an operand: sums bind loosest, atoms tightest. */
const enum Level {
  Sum = 1,
  Product = 2,
  Prefix = 3,
  Postfix = 4,
  Atom = 5,
}

interface Printed {
  readonly text: string;
  readonly level: Level;
  /** The op at its top (to parenthesise a matrix product beside ⊙). */
  readonly op?: string;
}

/** How one syntax writes each kind of node. */
interface Style {
  readonly name: (name: string) => string;
  readonly fraction: (numerator: string, denominator: string) => string;
  readonly binary: (op: string, left: string, right: string) => string;
  readonly neg: (a: string) => string;
  readonly transpose: (a: string) => string;
  readonly call: (op: string, args: readonly string[]) => string;
  readonly ones: (rows: number | string, cols: number | string) => string;
  readonly identity: (n: number | string) => string;
  readonly group: (text: string) => string;
}

const TEXT: Style = {
  name: (name) => name,
  fraction: (numerator, denominator) => `${numerator}/${denominator}`,
  binary: (op, left, right) => {
    const symbol = { add: ' + ', sub: ' − ', mul: ' ', div: '/', matmul: ' ', emul: ' ⊙ ', ediv: ' ⊘ ', epow: '.^', pow: '^' }[op] ?? ` ${op} `;
    return `${left}${symbol}${right}`;
  },
  neg: (a) => `−${a}`,
  transpose: (a) => `${a}ᵀ`,
  call: (op, args) => `${op}(${args.join(', ')})`,
  ones: (rows, cols) => `ones(${rows}, ${cols})`,
  identity: (n) => `eye(${n})`,
  group: (text) => `(${text})`,
};

const TEX: Style = {
  name: texName,
  fraction: (numerator, denominator) => `\\frac{${numerator}}{${denominator}}`,
  binary: (op, left, right) => {
    if (op === 'div' || op === 'ediv') return `\\frac{${stripGroup(left)}}{${stripGroup(right)}}`;
    if (op === 'pow' || op === 'epow') return `${left.startsWith('\\frac') ? `\\left(${left}\\right)` : left}^{${stripGroup(right)}}`;
    const symbol = { add: ' + ', sub: ' - ', mul: ' ', matmul: ' ', emul: ' \\odot ' }[op] ?? ` ${op} `;
    return `${left}${symbol}${right}`;
  },
  neg: (a) => `-${a}`,
  transpose: (a) => `${a}^\\top`,
  call: (op, args) => {
    if (op === 'sumcols') return `${args[0]} \\mathbf{1}`;
    if (op === 'sumrows') return `\\mathbf{1}^\\top ${args[0]}`;
    if (op === 'sqrt') return `\\sqrt{${args[0]}}`;
    const known = functionNamed(op)?.tex ?? `\\operatorname{${op.replace(/_/g, '\\_')}}`;
    return `${known}\\left(${args.join(', ')}\\right)`;
  },
  ones: () => '\\mathbf{1}',
  identity: () => 'I',
  group: (text) => `\\left(${text}\\right)`,
};

/** The parts of a LaTeX fraction need no \left( … \right) around them. */
function stripGroup(text: string): string {
  return text.startsWith('\\left(') && text.endsWith('\\right)') ? text.slice(6, -7) : text;
}

const LEVELS: Readonly<Record<string, Level>> = { add: Level.Sum, sub: Level.Sum, mul: Level.Product, div: Level.Product, matmul: Level.Product, emul: Level.Product, ediv: Level.Product, pow: Level.Postfix, epow: Level.Postfix };
const ELEMENTWISE = new Set(['emul', 'ediv']);
const PRODUCTS = new Set(['mul', 'matmul']);

/** A matrix expression as text the tensor syntax reads back, with named nodes by their names. */
export function printMatrix(matrices: MatrixGraph, root: NodeId, names: ReadonlyMap<NodeId, string> = new Map()): string {
  return new Printer(matrices, TEXT, names).print(root, true).text;
}

/** Names for the LaTeX printer: z1 as z_{1}, and an adjoint ∂L/∂z1 as \frac{\partial L}{\partial z_{1}}. */
export function texNames(names: ReadonlyMap<NodeId, string>): Map<NodeId, string> {
  return new Map([...names].map(([node, name]) => {
    const adjoint = /^∂(.+)\/∂(.+)$/.exec(name);
    return [node, adjoint ? `\\frac{\\partial ${texName(adjoint[1]!)}}{\\partial ${texName(adjoint[2]!)}}` : texName(name)];
  }));
}

/** A matrix expression as LaTeX (without surrounding $), with named nodes by their (LaTeX) names (see texNames). */
export function printMatrixLatex(matrices: MatrixGraph, root: NodeId, names: ReadonlyMap<NodeId, string> = new Map()): string {
  return new Printer(matrices, TEX, names).print(root, true).text;
}

class Printer {
  private readonly memo = new Map<NodeId, Printed>();

  constructor(
    private readonly matrices: MatrixGraph,
    private readonly style: Style,
    private readonly names: ReadonlyMap<NodeId, string>,
  ) {}

  print(id: NodeId, root = false): Printed {
    const name = this.names.get(id);
    if (name !== undefined && !root) return { text: name, level: Level.Atom };
    const known = this.memo.get(id);
    if (known) return known;
    const printed = this.write(id);
    this.memo.set(id, printed);
    return printed;
  }

  /** An operand of `op`, in parentheses when it binds looser than `least` or is a product beside ⊙ (or ⊙ in a product). */
  private operand(id: NodeId, least: Level, op?: string, right = false): string {
    const printed = this.print(id);
    const mixed = op !== undefined && ((ELEMENTWISE.has(op) && PRODUCTS.has(printed.op ?? '')) || (PRODUCTS.has(op) && ELEMENTWISE.has(printed.op ?? '')));
    const signed = right && printed.level === Level.Prefix; // 2 (−x), not 2 −x
    return printed.level < least || mixed || signed ? this.style.group(printed.text) : printed.text;
  }

  private write(id: NodeId): Printed {
    const node = this.matrices.graph.node(id);
    const { style } = this;
    switch (node.op) {
      case 'var':
        return { text: style.name(node.name!), level: Level.Atom };
      case 'const': {
        const value = node.value!;
        const [n, d] = [value.n.toString(), value.d.toString()];
        const sign = value.s < 0n ? '−' : '';
        if (value.d === 1n) return { text: `${sign === '' ? '' : style === TEX ? '-' : '−'}${n}`, level: sign === '' ? Level.Atom : Level.Prefix };
        const decimals = d.length - 1;
        if (/^10+$/.test(d)) {
          // 0.9, 0.001 and 1e-8 as written (hyperparameters), not 9/10
          const digits = value.abs().toString(decimals);
          const written = decimals <= 6 ? digits : `${n}e-${decimals}`;
          const text = style === TEX && decimals > 6 ? `${n} \\cdot 10^{-${decimals}}` : written;
          return { text: `${sign === '' ? '' : style === TEX ? '-' : '−'}${text}`, level: sign === '' && decimals <= 6 ? Level.Atom : Level.Prefix };
        }
        return { text: `${sign === '' ? '' : style === TEX ? '-' : '−'}${style.fraction(n, d)}`, level: Level.Prefix };
      }
      case 'pi':
      case 'e':
        return { text: style === TEX && node.op === 'pi' ? '\\pi' : node.op, level: Level.Atom };
      case 'ones': {
        const shape = this.matrices.shape(id)!;
        return { text: style.ones(shape.rowsName ?? shape.rows, shape.colsName ?? shape.cols), level: Level.Atom };
      }
      case 'eye':
        return { text: style.identity(this.matrices.shape(id)!.rowsName ?? this.matrices.shape(id)!.rows), level: Level.Atom };
      case 'neg':
        return { text: style.neg(this.operand(node.inputs[0]!, Level.Prefix)), level: Level.Prefix };
      case 'transpose':
        return { text: style.transpose(this.operand(node.inputs[0]!, Level.Atom)), level: Level.Postfix, op: 'transpose' };
    }
    const level = LEVELS[node.op];
    if (level !== undefined) {
      const [left, right] = node.inputs as [NodeId, NodeId];
      const power = level === Level.Postfix;
      // a − (b − c) and a/(b c) keep their parentheses; a + (b + c) and A (B C) need none (they associate)
      const rightLeast = power ? Level.Atom : node.op === 'sub' || node.op === 'div' || node.op === 'ediv' ? level + 1 : level;
      const leftLeast = power ? Level.Atom : level === Level.Product && this.isFraction(left) ? Level.Atom : level;
      return { text: style.binary(node.op, this.operand(left, leftLeast, node.op), this.operand(right, rightLeast, node.op, true)), level, op: node.op };
    }
    const args = node.inputs.map((input) => this.print(input).text);
    return { text: style.call(node.op, args), level: style === TEX && (node.op === 'sumcols' || node.op === 'sumrows') ? Level.Product : Level.Atom, op: node.op };
  }

  private isFraction(id: NodeId): boolean {
    const value = this.matrices.constantValue(id);
    return value !== undefined && value.d !== 1n;
  }
}
