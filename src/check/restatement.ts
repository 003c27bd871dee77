/**
 * An answer must not be the question: `df/dx = df/dx`, `g = df/dx` then `df/dx = g`, `df/dx = f'(x)` and
 * `f at x=2 = f` restate what is asked, and earn nothing however true they are.
 */
import { childrenOf, type Expr } from '../syntax/tree.js';

/** What a claim asks, and the facts about its final answer that show whether the answer restates it. */
export interface Question {
  /** What is asked (a target key without its point). */
  readonly asked: string;
  /** How the claim writes what is asked (`df/dx`, `f at x=2`). */
  readonly written: string;
  /** What the derivatives written in the answer are of (target keys without their points). */
  readonly derivatives: ReadonlySet<string>;
  /** What the derivatives a bound name was defined with are of. */
  readonly through: (name: string) => ReadonlySet<string> | undefined;
  /** The function the claim is about, by name (f of df/dx, f'(x) or f at x=2), if it has one. */
  readonly functionName?: string;
  /** Whether the claim asks for a value at a point. */
  readonly valueAtPoint: boolean;
  /** For a value at a point: the point's variables the answer still depends on (a formula, not a value). */
  readonly unresolved?: readonly string[];
}

/**
 * How the answer restates the question, if it does (the words after "your answer restates the question: "). What is
 * written decides without `derivatives` and `unresolved` (before the answer is built); they add what building finds.
 */
export function restatement(answer: Expr, question: Question): string | undefined {
  if (question.derivatives.has(question.asked)) return `it contains ${question.written} itself`;
  const names = namesIn(answer);
  const through = names.find((name) => question.through(name)?.has(question.asked));
  if (through !== undefined) return `${through} stands for ${question.written}`;
  const fn = question.functionName;
  if (fn !== undefined && primesIn(answer).includes(fn)) return `${fn}'(…) is ${question.written} itself`;
  if (!question.valueAtPoint) return undefined;
  if (question.unresolved && question.unresolved.length > 0) return `it is a formula in ${question.unresolved.join(', ')}; give its value at the point`;
  const itself = (answer.kind === 'name' || answer.kind === 'call') && answer.name === fn;
  if (fn !== undefined && (itself || names.includes(fn))) return itself ? `it is ${fn} itself; give its value` : `it is written with ${fn} itself; give its value`;
  return undefined;
}

/** The names an expression uses (as values or as functions applied). */
function namesIn(expr: Expr): string[] {
  const own = expr.kind === 'name' ? [expr.name] : expr.kind === 'call' ? [expr.name] : expr.kind === 'derivative' ? [expr.name] : [];
  return [...own, ...childrenOf(expr).flatMap(namesIn)];
}

/** The functions whose derivative an expression applies (`f` of `f'(x)`). */
function primesIn(expr: Expr): string[] {
  const own = expr.kind === 'call' && expr.name.length > 1 && expr.name.endsWith("'") ? [expr.name.slice(0, -1)] : [];
  return [...own, ...childrenOf(expr).flatMap(primesIn)];
}
