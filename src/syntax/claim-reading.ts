/**
 * Claims and problem files read as programs are (src/graph/build.ts readProgram): functions written without
 * parentheses applied (`sin x^2` = sin(x²), `sin^2 x` = (sin x)²), and a warning naming the reading of each ambiguous
 * form. LaTeX lines have their own grammar and are not read here.
 */
import { functionNamed, functionNames } from '../ops/index.js';
import { notationWarnings } from './ambiguity.js';
import { checkOperators, expressionHead, wholeHeadOperand, type ClaimHead, type ClaimLine } from './claim.js';
import { applyBareFunctions, type NotationWarning } from './reading.js';
import type { Expr, Statement } from './tree.js';

/** log_2, log_10: a logarithm to the base written after the underscore (log_2 x = log(x, 2)). */
const LOG_BASE = /^log_[0-9]+$/;

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
  const read = applyBareFunctions([...statements, ...at], source, (name) => functionNamed(name) !== undefined || LOG_BASE.test(name), found, sourceName) as Statement[];
  found.push(...notationWarnings(read, source, { functions: functionNames(), isBound }));
  warnings.push(...found.sort((a, b) => a.span.offset - b.span.offset));
  const exprs = read.map((statement) => statement.expr);
  const readAt = read.slice(statements.length);
  let next = 0;
  const take = () => exprs[next++]!;
  const withAt = head?.at ? { at: readAt } : {};
  let newHead: ClaimHead | undefined;
  if (head?.kind === 'expression') {
    // d/dx 3x^2 is a derivative once read; d/dx (x^2 + 1)(x - 1) differentiates the whole product
    const read = take();
    const whole = wholeHeadOperand(read, source);
    if (whole && whole.kind === 'differentiate') {
      const operator = source.slice(whole.operatorSpan.offset, whole.operatorSpan.end).trim();
      const operand = source.slice(whole.operatorSpan.end, whole.span.end).trim();
      warnings.push({ message: `read ${operator} ${operand} as ${operator} (${operand}): the derivative of the whole left side`, span: whole.span });
    }
    newHead = { ...expressionHead(whole ?? read), ...withAt };
  }
  else if (head) {
    const of = head.of.kind === 'expression' ? { ...head.of, expr: take() } : head.of;
    newHead = { ...head, of, ...(head.argument ? { argument: take() } : {}), ...withAt };
  }
  const newSteps = steps.map(() => take());
  const headExpr = newHead?.kind === 'expression' ? [newHead.expr] : newHead?.kind === 'derivative' && newHead.of.kind === 'expression' ? [newHead.of.expr] : [];
  for (const expr of [...headExpr, ...newSteps]) checkOperators(expr, source, sourceName);
  return { head: newHead as Head, steps: newSteps };
}

/** A plain (not LaTeX) claim line read as programs are; `isBound` tells the names with values from the lines above. */
export function readClaimLine(line: ClaimLine, source: string, isBound: (name: string) => boolean, warnings: NotationWarning[], sourceName?: string): ClaimLine {
  const { head, steps } = readClaimParts(line.kind === 'claim' ? line.head : undefined, line.steps, source, isBound, warnings, sourceName);
  if (line.kind === 'declaration') return line;
  return line.kind === 'claim' ? { ...line, head: head!, steps } : { ...line, steps };
}

/** A claim line with every expression (head, its point, steps) passed through `map`. */
function mapExpressions(line: ClaimLine, map: (expr: Expr) => Expr): ClaimLine {
  if (line.kind === 'declaration') return line;
  if (line.kind === 'continuation') return { ...line, steps: line.steps.map(map) };
  const head = line.head; // mapped in the order written: the head, its point, the steps
  let mapped: ClaimHead;
  if (head.kind === 'expression') mapped = { ...head, expr: map(head.expr) };
  else {
    const of = head.of.kind === 'expression' ? { ...head.of, expr: map(head.of.expr) } : head.of;
    mapped = { ...head, of, ...(head.argument ? { argument: map(head.argument) } : {}) };
  }
  const at = head.at?.map((statement): Statement => ({ ...statement, expr: map(statement.expr) }));
  return { ...line, head: at ? { ...mapped, at } : mapped, steps: line.steps.map(map) };
}

/**
 * Names run together, as textbooks write products (`6xy`, `σ(wx + b)`): a name that `split` breaks into one-letter
 * variables is read as their product, with a warning; other names are left as they are.
 */
export function readRunTogetherNames(
  line: ClaimLine,
  source: string,
  split: (name: string) => readonly string[] | undefined,
  warnings: NotationWarning[],
  applied: (name: string) => { readonly fn: string; readonly argument: string } | undefined = () => undefined,
): ClaimLine {
  const rewrite = (expr: Expr): Expr => {
    if (expr.kind === 'name') {
      const start = source.indexOf(expr.name, expr.span.offset); // the span of (xy) includes its parentheses
      const span = { offset: start, end: start + expr.name.length, line: expr.span.line, col: expr.span.col + (start - expr.span.offset) };
      const letters = split(expr.name);
      const application = letters ? undefined : applied(expr.name);
      if (application) {
        // sinx, lnx, sin2x: a function run into its argument, as a textbook would never print but students type
        const { fn, argument } = application;
        const at = start + fn.length;
        const piece = (text: string, offset: number): Expr => {
          const pieceSpan = { offset, end: offset + text.length, line: span.line, col: span.col + (offset - start) };
          return /^[0-9]/.test(text) ? { kind: 'number', text, span: pieceSpan, depth: 1 } : { kind: 'name', name: text, span: pieceSpan, depth: 1 };
        };
        const parts = (argument.match(/[0-9]+|[A-Za-z]/g) ?? []).reduce<{ items: Expr[]; offset: number }>(({ items, offset }, text) => ({ items: [...items, piece(text, offset)], offset: offset + text.length }), { items: [], offset: at });
        const arg = parts.items.slice(1).reduce<Expr>((left, right) => ({ kind: 'binary', op: '*', left, right, implicit: true, opSpan: right.span, span: { ...left.span, end: right.span.end }, depth: 1 + Math.max(left.depth, right.depth) }), parts.items[0]!);
        warnings.push({ message: `read ${expr.name} as ${fn}(${argument}); write ${fn}(${argument}) to say so`, span });
        return { kind: 'call', name: fn, nameSpan: { ...span, end: at }, args: [arg], span: expr.span, depth: arg.depth + 1 };
      }
      if (!letters) return expr;
      const variables = letters.filter((letter) => letter !== 'e');
      const which = variables.length === letters.length ? (letters.length === 2 ? 'both are variables' : 'each is a variable') : `${variables.join(', ')} ${variables.length === 1 ? 'is a variable' : 'are variables'} and e is the constant`;
      warnings.push({ message: `read ${expr.name} as ${letters.join('·')} (${which} here); write ${letters.join('*')} to say so`, span });
      const offsets = letters.map((_, i) => letters.slice(0, i).join('').length); // parts may be names of several characters (W1x: W1, x)
      const at = (i: number): Expr => {
        const offset = start + offsets[i]!;
        return { kind: 'name', name: letters[i]!, span: { offset, end: offset + letters[i]!.length, line: span.line, col: span.col + offsets[i]! }, depth: 1 };
      };
      const product = letters.slice(1).reduce<Expr>((left, _, k) => {
        const right = at(k + 1);
        return { kind: 'binary', op: '*', left, right, implicit: true, opSpan: right.span, span: { ...left.span, end: right.span.end }, depth: 1 + Math.max(left.depth, right.depth) };
      }, at(0));
      return { ...product, span: expr.span, depth: product.depth + (expr.depth - 1) };
    }
    switch (expr.kind) {
      case 'binary': {
        if (expr.op === '^' && expr.left.kind === 'name' && expr.left.span.end - expr.left.span.offset === expr.left.name.length && split(expr.left.name)) {
          // 2xy^3: the power is on the last letter, x·y³
          const product = rewrite(expr.left) as Extract<Expr, { kind: 'binary' }>;
          const power: Expr = { ...expr, left: product.right, span: { ...product.right.span, end: expr.span.end }, depth: 1 + Math.max(1, expr.right.depth) };
          return { ...product, right: power, span: expr.span, depth: 1 + Math.max(product.left.depth, power.depth) };
        }
        const [left, right] = [rewrite(expr.left), rewrite(expr.right)];
        return left === expr.left && right === expr.right ? expr : { ...expr, left, right, depth: 1 + Math.max(left.depth, right.depth) };
      }
      case 'unary': {
        const arg = rewrite(expr.arg);
        return arg === expr.arg ? expr : { ...expr, arg, depth: arg.depth + 1 };
      }
      case 'call': {
        const args = expr.args.map(rewrite);
        return args.every((arg, i) => arg === expr.args[i]) ? expr : { ...expr, args, depth: 1 + Math.max(...args.map((arg) => arg.depth)) };
      }
      case 'differentiate': {
        const operand = rewrite(expr.expr);
        return operand === expr.expr ? expr : { ...expr, expr: operand, depth: operand.depth + 1 };
      }
      default:
        return expr;
    }
  };
  // the name a line defines (wx = w*x) is never split
  const defines = line.kind === 'claim' && line.head.kind === 'expression' && line.head.expr.kind === 'name';
  return mapExpressions(line, (expr) => (defines && line.kind === 'claim' && line.head.kind === 'expression' && expr === line.head.expr ? expr : rewrite(expr)));
}

/**
 * In LaTeX, letters side by side multiply, yet students write the names of their bindings there as in plain text:
 * `(yhat - y)\, yhat (1 - yhat)` after `yhat = …`, or `h1`. A run of letters and digits written without a space that
 * spells a known name is that name (`yhat^2` too); any other run still multiplies.
 */
export function joinKnownNames(line: ClaimLine, isKnown: (name: string) => boolean): ClaimLine {
  const rewrite = (expr: Expr): Expr => {
    if (expr.kind === 'binary' && expr.implicit && !parenthesised(expr)) {
      const factors = chainOf(expr).map(rewrite);
      const joined = joinRuns(factors, isKnown);
      return joined.length === factors.length && joined.every((factor, i) => factor === factors[i]) && factors.every((f, i) => f === chainOf(expr)[i])
        ? expr
        : { ...productOf(joined), span: expr.span };
    }
    switch (expr.kind) {
      case 'binary': {
        const [left, right] = [rewrite(expr.left), rewrite(expr.right)];
        return left === expr.left && right === expr.right ? expr : { ...expr, left, right, depth: 1 + Math.max(left.depth, right.depth) };
      }
      case 'unary': {
        const arg = rewrite(expr.arg);
        return arg === expr.arg ? expr : { ...expr, arg, depth: arg.depth + 1 };
      }
      case 'call': {
        const args = expr.args.map(rewrite);
        return args.every((arg, i) => arg === expr.args[i]) ? expr : { ...expr, args, depth: 1 + Math.max(...args.map((arg) => arg.depth)) };
      }
      case 'differentiate': {
        const operand = rewrite(expr.expr);
        return operand === expr.expr ? expr : { ...expr, expr: operand, depth: operand.depth + 1 };
      }
      default:
        return expr;
    }
  };
  return mapExpressions(line, rewrite);
}

/** Whether a node is written in brackets of its own (its span is wider than its operands'). */
function parenthesised(expr: Extract<Expr, { kind: 'binary' }>): boolean {
  return expr.span.offset !== expr.left.span.offset || expr.span.end !== expr.right.span.end;
}

/** The factors of an implicit product, left to right; a bracketed product is one factor. */
function chainOf(expr: Expr): Expr[] {
  return expr.kind === 'binary' && expr.implicit && !parenthesised(expr) ? [...chainOf(expr.left), expr.right] : [expr];
}

/** The implicit product of factors. */
function productOf(factors: readonly Expr[]): Expr {
  return factors.slice(1).reduce((left, right) => ({ kind: 'binary', op: '*', left, right, implicit: true, opSpan: right.span, span: { ...left.span, end: right.span.end }, depth: 1 + Math.max(left.depth, right.depth) }), factors[0]!);
}

/** A factor's letters or digits as written (`y`, `1`), and the power on it (`t^2`), if it can be part of a name. */
function piece(factor: Expr): { text: string; power?: Extract<Expr, { kind: 'binary' }> } | undefined {
  if (factor.kind === 'name' && /^[A-Za-z]$/.test(factor.name) && factor.span.end - factor.span.offset === 1) return { text: factor.name };
  if (factor.kind === 'number' && /^[0-9]+$/.test(factor.text)) return { text: factor.text };
  if (factor.kind === 'binary' && factor.op === '^') {
    const base = piece(factor.left);
    return base && !base.power ? { text: base.text, power: factor } : undefined;
  }
  return undefined;
}

/** Factors with each longest run that spells a known name (written without spaces) made that name. */
function joinRuns(factors: readonly Expr[], isKnown: (name: string) => boolean): Expr[] {
  const out: Expr[] = [];
  for (let i = 0; i < factors.length; ) {
    let found: { end: number; name: string } | undefined;
    let text = '';
    for (let j = i; j < factors.length; j++) {
      const part = piece(factors[j]!);
      if (!part || (j > i && factors[j - 1]!.span.end !== factors[j]!.span.offset) || (j > i && piece(factors[j - 1]!)?.power)) break;
      text += part.text;
      if (j > i && /^[A-Za-z]/.test(text) && isKnown(text)) found = { end: j + 1, name: text };
    }
    if (!found) {
      out.push(factors[i]!);
      i++;
      continue;
    }
    const first = factors[i]!;
    const last = factors[found.end - 1]!;
    const power = piece(last)!.power;
    const nameEnd = power ? power.left.span.end : last.span.end;
    const name: Expr = { kind: 'name', name: found.name, span: { ...first.span, end: nameEnd }, depth: 1 };
    out.push(power ? { ...power, left: name, span: { ...first.span, end: power.span.end } } : name);
    i = found.end;
  }
  return out;
}

/**
 * Names as the lines above spell them: `w_{2}` (as LaTeX writes w2) is w2 where w2 is known and w_2 is not, and `w2` is
 * w_2 the other way round. Every name of a line is passed through `spell`.
 */
export function respellNames(line: ClaimLine, spell: (name: string) => string): ClaimLine {
  const rewrite = (expr: Expr): Expr => {
    switch (expr.kind) {
      case 'name':
        return spell(expr.name) === expr.name ? expr : { ...expr, name: spell(expr.name) };
      case 'derivative':
        return { ...expr, name: spell(expr.name), variable: spell(expr.variable) };
      case 'differentiate': {
        const operand = rewrite(expr.expr);
        return { ...expr, expr: operand, ...(expr.variable !== undefined ? { variable: spell(expr.variable) } : {}) };
      }
      case 'binary':
        return { ...expr, left: rewrite(expr.left), right: rewrite(expr.right) };
      case 'unary':
        return { ...expr, arg: rewrite(expr.arg) };
      case 'call':
        return { ...expr, args: expr.args.map(rewrite) };
      default:
        return expr;
    }
  };
  const mapped = mapExpressions(line, rewrite);
  if (mapped.kind !== 'claim') return mapped;
  const head = mapped.head;
  const at = head.at?.map((statement): Statement => (statement.kind === 'bind' ? { ...statement, name: spell(statement.name) } : statement));
  const withAt = at ? { at } : {};
  if (head.kind === 'expression') return { ...mapped, head: { ...head, ...withAt } };
  const of = head.of.kind === 'name' ? { ...head.of, name: spell(head.of.name) } : head.of;
  return { ...mapped, head: { ...head, of, ...(head.variable !== undefined ? { variable: spell(head.variable) } : {}), ...withAt } };
}

/** `name` as a run of two or more known names (`Wx` → W, x), if it is one. */
export function splitInto(name: string, known: (name: string) => boolean): string[] | undefined {
  for (let cut = 1; cut < name.length; cut++) {
    const [head, tail] = [name.slice(0, cut), name.slice(cut)];
    if (!known(head)) continue;
    if (known(tail)) return [head, tail];
    const rest = splitInto(tail, known);
    if (rest) return [head, ...rest];
  }
  return undefined;
}

