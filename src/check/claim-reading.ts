/**
 * Claims and problem files read as programs are (src/graph/build.ts readProgram): functions written without
 * parentheses applied (`sin x^2` = sin(x²), `sin^2 x` = (sin x)²), and a warning naming the reading of each ambiguous
 * form. LaTeX lines have their own grammar and are not read here.
 */
import { functionNamed, functionNames } from '../ops/index.js';
import { notationWarnings } from '../syntax/ambiguity.js';
import type { ClaimHead, ClaimLine } from '../syntax/claim.js';
import { applyBareFunctions, type NotationWarning } from '../syntax/reading.js';
import type { Expr, Statement } from '../syntax/tree.js';

/** A claim head and steps (or a problem's ask and answer) with bare functions applied; warnings are added to `warnings`. */
export function readClaimParts<Head extends ClaimHead | undefined>(
  head: Head,
  steps: readonly Expr[],
  source: string,
  isBound: (name: string) => boolean,
  warnings: NotationWarning[],
  sourceName?: string,
): { head: Head; steps: Expr[] } {
  const at = head?.at ?? [];
  const own = !head ? [] : head.kind === 'expression' ? [head.expr] : [...(head.of.kind === 'expression' ? [head.of.expr] : []), ...(head.argument ? [head.argument] : [])];
  const statements: Statement[] = [...own, ...steps].map((expr) => ({ kind: 'expr', expr }));
  const found: NotationWarning[] = [];
  const read = applyBareFunctions([...statements, ...at], source, (name) => functionNamed(name) !== undefined, found, sourceName) as Statement[];
  found.push(...notationWarnings(read, source, { functions: functionNames(), isBound }));
  warnings.push(...found.sort((a, b) => a.span.offset - b.span.offset));
  const exprs = read.map((statement) => statement.expr);
  const readAt = read.slice(statements.length);
  let next = 0;
  const take = () => exprs[next++]!;
  const withAt = head?.at ? { at: readAt } : {};
  let newHead: ClaimHead | undefined;
  if (head?.kind === 'expression') newHead = { ...head, expr: take(), ...withAt };
  else if (head) {
    const of = head.of.kind === 'expression' ? { ...head.of, expr: take() } : head.of;
    newHead = { ...head, of, ...(head.argument ? { argument: take() } : {}), ...withAt };
  }
  const newSteps = steps.map(() => take());
  return { head: newHead as Head, steps: newSteps };
}

/** A plain (not LaTeX) claim line read as programs are; `isBound` tells the names with values from the lines above. */
export function readClaimLine(line: ClaimLine, source: string, isBound: (name: string) => boolean, warnings: NotationWarning[], sourceName?: string): ClaimLine {
  const { head, steps } = readClaimParts(line.kind === 'claim' ? line.head : undefined, line.steps, source, isBound, warnings, sourceName);
  return line.kind === 'claim' ? { ...line, head: head!, steps } : { ...line, steps };
}
