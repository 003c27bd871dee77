/**
 * The transpose of a tensor expression, written as a student would: (A B)ᵀ = Bᵀ Aᵀ, (A + B)ᵀ = Aᵀ + Bᵀ, (Aᵀ)ᵀ = A,
 * a scalar factor stays in front, `outer(a, b)` becomes `outer(b, a)`; anything else is wrapped as `(…)'`.
 */
import { TRANSPOSE, type Expr } from '../syntax/tree.js';
import type { TensorShape } from './shape.js';

/** How tightly a piece of text binds: a sum, a product, or an atom (a name, a call, a parenthesised group). */
type Strength = 0 | 1 | 2;

interface Written {
  readonly text: string;
  readonly strength: Strength;
}

/** What the writer needs from its caller: each subexpression's source text and shape. */
export interface TransposeContext {
  readonly text: (expr: Expr) => string;
  readonly shape: (expr: Expr) => TensorShape | undefined;
}

/** The transpose of `expr` as text in the tensor syntax (`2 (W x - y) x'`). */
export function transposedText(expr: Expr, context: TransposeContext): string {
  return transposed(expr, context).text;
}

function transposed(expr: Expr, context: TransposeContext): Written {
  const shape = context.shape(expr);
  if (!shape) return asWritten(expr, context);
  const wrapped = (): Written => ({ text: `${atom(asWritten(expr, context))}'`, strength: 2 });
  switch (expr.kind) {
    case 'name':
      return { text: `${expr.name}'`, strength: 2 };
    case 'unary': {
      const arg = transposed(expr.arg, context);
      return expr.op === '+' ? arg : { text: `-${arg.strength === 0 ? `(${arg.text})` : arg.text}`, strength: 1 };
    }
    case 'call':
      if ((expr.name === TRANSPOSE || expr.name === 'transpose') && expr.args.length === 1) return asWritten(expr.args[0]!, context);
      if (expr.name === 'outer' && expr.args.length === 2) return { text: `outer(${context.text(expr.args[1]!)}, ${context.text(expr.args[0]!)})`, strength: 2 };
      return wrapped();
    case 'binary': {
      const [left, right] = [context.shape(expr.left), context.shape(expr.right)];
      if (expr.op === '^' && expr.right.kind === 'name' && expr.right.name === 'T') return asWritten(expr.left, context);
      if (expr.op === '*') {
        // (s A B)ᵀ = s Bᵀ Aᵀ: scalar factors in front, the tensors transposed in reverse order
        const factors = factorsOf(expr);
        const scalars = factors.filter((factor) => !context.shape(factor)).map((factor) => asWritten(factor, context));
        const tensors = factors.filter((factor) => context.shape(factor)).reverse().map((factor) => transposed(factor, context));
        return { text: [...scalars, ...tensors].map((factor) => operand(factor, 2)).join(' '), strength: 1 };
      }
      if (expr.op === '/' && !right) return { text: `${operand(transposed(expr.left, context), 1)}/${operand(asWritten(expr.right, context), 2)}`, strength: 1 };
      const sameShapes = left !== undefined && right !== undefined && left.rows === right.rows && left.cols === right.cols;
      if ((expr.op === '+' || expr.op === '-') && sameShapes) {
        return { text: `${transposed(expr.left, context).text} ${expr.op} ${operand(transposed(expr.right, context), 1)}`, strength: 0 };
      }
      if ((expr.op === '.*' || expr.op === './') && sameShapes) {
        return { text: `${operand(transposed(expr.left, context), 1)} ${expr.op} ${operand(transposed(expr.right, context), 2)}`, strength: 1 };
      }
      return wrapped();
    }
    default:
      return wrapped();
  }
}

/** The factors of a chain of products, left to right. */
function factorsOf(expr: Expr): Expr[] {
  return expr.kind === 'binary' && expr.op === '*' ? [...factorsOf(expr.left), ...factorsOf(expr.right)] : [expr];
}

/** A piece of source as written, with how tightly it binds. */
function asWritten(expr: Expr, context: TransposeContext): Written {
  const text = context.text(expr);
  if (enclosed(text)) return { text, strength: 2 };
  const strength: Strength = expr.kind === 'binary' ? (expr.op === '+' || expr.op === '-' ? 0 : expr.op === '^' ? 2 : 1) : expr.kind === 'unary' ? 1 : 2;
  return { text, strength };
}

/** Text that binds at least `needed`, in parentheses if it does not. */
function operand(written: Written, needed: Strength): string {
  return written.strength >= needed ? written.text : `(${written.text})`;
}

function atom(written: Written): string {
  return operand(written, 2);
}

/** Whether the whole text is one parenthesised group: `(a + b)`, not `(a) + (b)`. */
function enclosed(text: string): boolean {
  if (!text.startsWith('(') || !text.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    if (depth === 0 && i < text.length - 1) return false;
  }
  return true;
}
