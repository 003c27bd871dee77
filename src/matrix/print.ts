/**
 * Matrix expressions as text (the tensor-program syntax, which reads them back: `*` between tensors is the matrix
 * product, `'` the transpose, `.*` the elementwise product) and as LaTeX, as the lectures write them (`W x`,
 * `x^\top`, `\odot`, `\mathbf{1}`). Nodes that a program binds (z1 = W1 x + b1) are written by their names.
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
}

/** How one syntax writes each kind of node. */
interface Style {
  readonly name: (name: string) => string;
  readonly number: (text: string) => string;
  readonly binary: (op: string, left: string, right: string) => string;
  readonly neg: (a: string) => string;
  readonly transpose: (a: string) => string;
  readonly call: (op: string, args: readonly string[]) => string;
  readonly ones: (rows: number, cols: number) => string;
  readonly group: (text: string) => string;
}

const TEXT: Style = {
  name: (name) => name,
  number: (text) => text,
  binary: (op, left, right) => {
    const symbol = { add: ' + ', sub: ' - ', mul: '*', div: '/', matmul: '*', emul: ' .* ', ediv: ' ./ ', epow: '.^', pow: '^' }[op] ?? ` ${op} `;
    return `${left}${symbol}${right}`;
  },
  neg: (a) => `-${a}`,
  transpose: (a) => `${a}'`,
  call: (op, args) => `${op}(${args.join(', ')})`,
  ones: (rows, cols) => `ones(${rows}, ${cols})`,
  group: (text) => `(${text})`,
};

const TEX: Style = {
  name: texName,
  number: (text) => text,
  binary: (op, left, right) => {
    if (op === 'div') return `\\frac{${stripGroup(left)}}{${stripGroup(right)}}`;
    if (op === 'pow' || op === 'epow') return `${left}^{${stripGroup(right)}}`;
    const symbol = { add: ' + ', sub: ' - ', mul: ' ', matmul: ' ', emul: ' \\odot ', ediv: ' \\oslash ' }[op] ?? ` ${op} `;
    return `${left}${symbol}${right}`;
  },
  neg: (a) => `-${a}`,
  transpose: (a) => `${a}^\\top`,
  call: (op, args) => {
    const known = functionNamed(op)?.tex ?? `\\operatorname{${op.replace(/_/g, '\\_')}}`;
    return `${known}\\left(${args.join(', ')}\\right)`;
  },
  ones: () => '\\mathbf{1}',
  group: (text) => `\\left(${text}\\right)`,
};

/** LaTeX groups: \left( … \right) around a fraction's parts is not needed. */
function stripGroup(text: string): string {
  return text.startsWith('\\left(') && text.endsWith('\\right)') ? text.slice(6, -7) : text;
}

const LEVELS: Readonly<Record<string, Level>> = { add: Level.Sum, sub: Level.Sum, mul: Level.Product, div: Level.Product, matmul: Level.Product, emul: Level.Product, ediv: Level.Product, pow: Level.Postfix, epow: Level.Postfix };
const MATRIX_CALLS = new Set(['sum', 'mean', 'norm2', 'dot', 'outer', 'softmax', 'log_softmax', 'sumcols', 'sumrows', 'mse', 'mae', 'bce', 'cross_entropy', 'hinge']);

/** A matrix expression as text the tensor-program grammar reads back, with bound nodes by their names. */
export function printMatrix(matrices: MatrixGraph, root: NodeId, names: ReadonlyMap<NodeId, string> = new Map()): string {
  return new Printer(matrices, TEXT, names).print(root, true).text;
}

/** A matrix expression as LaTeX (without surrounding $). */
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
    if (name !== undefined && !root) return { text: this.style.name(name), level: Level.Atom };
    const known = this.memo.get(id);
    if (known) return known;
    const printed = this.write(id);
    this.memo.set(id, printed);
    return printed;
  }

  private operand(id: NodeId, least: Level): string {
    const printed = this.print(id);
    return printed.level < least ? this.style.group(printed.text) : printed.text;
  }

  private write(id: NodeId): Printed {
    const node = this.matrices.graph.node(id);
    const { style } = this;
    switch (node.op) {
      case 'var':
        return { text: style.name(node.name!), level: Level.Atom };
      case 'const': {
        const value = node.value!;
        const text = value.d === 1n ? value.n.toString() : `${value.n}/${value.d}`;
        return { text: style.number(value.s < 0n ? `-${text}` : text), level: value.d === 1n && value.s >= 0n ? Level.Atom : Level.Product };
      }
      case 'pi':
      case 'e':
        return { text: style.name(node.op), level: Level.Atom };
      case 'ones': {
        const shape = this.matrices.shape(id)!;
        return { text: style.ones(shape.rows, shape.cols), level: Level.Atom };
      }
      case 'neg':
        return { text: style.neg(this.operand(node.inputs[0]!, Level.Prefix)), level: Level.Prefix };
      case 'transpose':
        return { text: style.transpose(this.operand(node.inputs[0]!, Level.Atom)), level: Level.Postfix };
    }
    const level = LEVELS[node.op];
    if (level !== undefined) {
      const [left, right] = node.inputs as [NodeId, NodeId];
      // a − (b − c) and a/(b*c) keep their parentheses; a + (b + c) needs none
      const rightLeast = node.op === 'sub' || node.op === 'div' || node.op === 'ediv' ? level + 1 : level === Level.Postfix ? Level.Atom : level;
      return { text: style.binary(node.op, this.operand(left, level === Level.Postfix ? Level.Atom : level), this.operand(right, rightLeast)), level };
    }
    const args = node.inputs.map((input) => this.print(input).text);
    return { text: style.call(MATRIX_CALLS.has(node.op) ? node.op : node.op, args), level: Level.Atom };
  }
}
