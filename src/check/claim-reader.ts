/**
 * Reading a text of claims: each line parsed in its syntax (claim-lines.ts), read as programs are (functions without
 * parentheses, names run together, names respelled as the lines above spell them), and grouped: a claim with its
 * continuation lines, a definition (`f = …` when a later line uses f), or a line that cannot be read.
 */
import { InputError } from '../errors.js';
import { inputError } from '../build/shared.js';
import { functionNamed } from '../ops/index.js';
import { GREEK_NAMES } from '../syntax/ambiguity.js';
import type { ClaimHead, ClaimLine } from '../syntax/claim.js';
import type { NotationWarning } from '../syntax/reading.js';
import type { Expr, Span } from '../syntax/tree.js';
import { lettersOf, linesOf, namesOf, parseClaimLines, type ParsedLine, type TextLine } from '../syntax/claim-lines.js';
import { joinKnownNames, readClaimLine, readRunTogetherNames, respellNames } from '../syntax/claim-reading.js';
import { namesIn, type ClaimScope, type DefinedName, type Group } from './claim-scope.js';
import { CLAIM_LIMITS } from './results.js';

/** How a text of claims is read. */
export interface ReadOptions {
  /**
   * A line `X = …` whose name no later line of the text uses is an identity (`X = x` is a claim that fails), not a
   * definition: set for a whole claims file, not for a problem's givens read one line at a time.
   */
  readonly unusedDefinitionsAreIdentities?: boolean;
  /** A line `X = …` for a name already bound defines it anew (a homework document's tangent line y = 8x − 16), not a claim about it. */
  readonly rebinds?: boolean;
}

/** One item of a text: a claim, a definition, or a line that cannot be read. */
export type ReadItem =
  | { readonly kind: 'claim'; readonly group: Group }
  | { readonly kind: 'definition'; readonly line: ParsedLine; readonly defined: DefinedName; readonly expr: Expr }
  | { readonly kind: 'error'; readonly line: number; readonly error: InputError };

/** Reads the texts of a session, one after another, knowing the names the scope has bound. */
export class ClaimReader {
  /** One-letter variables of the texts read so far (a problem's givens, then a student's answers). */
  private readonly letters = new Set<string>();
  /** Constants a line tried to give a value (e = y - yhat), by the line: later uses of them are not judged. */
  private readonly refused = new Map<string, number>();

  constructor(private readonly scope: ClaimScope) {}

  /**
   * The items of a text of claims, in order: each claim with its continuation lines (as soon as the next line shows it
   * is complete), each definition, and each line that cannot be read. A definition must be made (ClaimScope.define)
   * before the next item is asked for: how later lines read depends on the names bound.
   */
  *items(text: string, firstLine: number, options: ReadOptions, warnings: NotationWarning[]): Generator<ReadItem> {
    let group: Group | undefined;
    const complete = function* () {
      if (group) yield { kind: 'claim' as const, group };
      group = undefined;
    };
    const parsed = parseClaimLines(linesOf(text), firstLine, this.scope.options.limits ?? CLAIM_LIMITS, this.scope.options.sourceName);
    for (const line of parsed) if (line && 'syntax' in line) for (const letter of lettersOf(line.syntax)) this.letters.add(letter);
    for (const [index, entry] of parsed.entries()) {
      if (!entry) continue;
      if ('error' in entry) {
        yield* complete();
        yield { kind: 'error', line: entry.number, error: entry.error };
        continue;
      }
      if (entry.syntax.kind === 'declaration') {
        // checkClaims reads a text with declarations as a matrix claims file; here (a problem, a submission) it is not one
        yield* complete();
        yield { kind: 'error', line: entry.number, error: inputError('syntax', `${entry.syntax.name}: … declares a shape, which only a matrix claims file can`, this.scope.source(entry), entry.syntax.span, 'check matrix claims on their own, with chainrule check') };
        continue;
      }
      let syntax: ClaimLine;
      try {
        const read = entry.latex ? joinKnownNames(entry.syntax, (name) => this.isKnownName(name)) : this.readPlain(entry, warnings);
        syntax = respellNames(read, (name) => this.spelling(name));
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        yield* complete();
        yield { kind: 'error', line: entry.number, error };
        continue;
      }
      const line: ParsedLine = { ...entry, syntax };
      if (syntax.kind === 'declaration') continue; // dealt with above: reading never makes one
      if (syntax.kind === 'continuation') {
        if (group) group.steps.push(...syntax.steps.map((expr) => ({ expr, line })));
        else yield { kind: 'error', line: line.number, error: this.scope.error(line, 'a line that starts with "=" must follow a claim', 'write the claim first, as in d/dx (x^2) = 2*x') };
        continue;
      }
      yield* complete();
      const constant = namingConstant(syntax);
      if (constant) this.refused.set(constant.name, line.number);
      const refused = [...this.refused].find(([name, at]) => at !== line.number && namesOf(syntax).includes(name));
      if (refused && !constant) {
        // L = e^2 after e = y - yhat was refused: the student's e, not the constant, was meant
        const [name, at] = refused;
        yield { kind: 'error', line: line.number, error: this.scope.error(line, `${name} here would be the constant ${name}, not the value line ${at} tried to give it`, `rename that value (err = …) and use the new name`) };
        continue;
      }
      const { builder } = this.scope;
      const defined = syntax.steps.length === 1 ? definedName(syntax.head, line.raw) : undefined;
      const defines =
        defined !== undefined &&
        (builder.lookup(defined.name) === undefined || options.rebinds === true) &&
        !mentions(syntax.steps[0]!, defined.name) && // x = sqrt(x^2) is an identity about x
        (!options.unusedDefinitionsAreIdentities || builder.variables.includes(defined.name) || usedAfter(defined.name, parsed.slice(index + 1)));
      if (defines) {
        // `f = …` (or `f(x) = …`) defines f; a name already bound makes the line a claim about it instead
        yield { kind: 'definition', line, defined: defined!, expr: syntax.steps[0]! };
        continue;
      }
      if (constant) {
        // e = y - yhat: a student's name for the error, but e is the constant
        const hint = `choose another name, such as ${constant.name === 'e' ? 'err' : 'p'}`;
        yield { kind: 'error', line: line.number, error: inputError('unknown-name', `${constant.name} is the constant ${constant.name === 'e' ? 'e = 2.71828…' : 'π'}, so it cannot be given a value`, this.scope.source(line), constant.span, hint) };
        continue;
      }
      group = { first: line, head: syntax.head, steps: syntax.steps.map((expr) => ({ expr, line })) };
    }
    yield* complete();
  }

  /**
   * A plain line read as programs are (sin x^2 = sin(x²)), with names run together split where they are one-letter
   * variables of the text (6xy = 6·x·y).
   */
  private readPlain(line: ParsedLine, warnings: NotationWarning[]): ClaimLine {
    const isBound = (name: string) => this.scope.builder.lookup(name) !== undefined && !this.scope.builder.isFunction(name); // h(2) applies a defined h
    const read = readClaimLine(line.syntax, line.raw, isBound, warnings, this.scope.options.sourceName);
    return readRunTogetherNames(read, line.raw, (name) => this.runTogether(name), warnings, (name) => this.functionRunTogether(name));
  }

  /** A name as the lines above spell it: w_2 is w2 where only w2 is known, w2 is w_2 where only w_2 is. */
  private spelling(name: string): string {
    if (this.isKnownName(name)) return name;
    const candidates = [name.replace(/_/g, ''), name.replace(/^([A-Za-z]+)([0-9]+)$/, '$1_$2')];
    return candidates.find((candidate) => candidate !== name && this.isKnownName(candidate)) ?? name;
  }

  /** Whether a name of two or more characters has a meaning here: a binding, or a variable of the lines read. */
  private isKnownName(name: string): boolean {
    return this.scope.builder.lookup(name) !== undefined || this.scope.builder.variables.includes(name);
  }

  /** The one-letter variables a name is run together from (`wx` → w, x), if it is not a name of its own. */
  private runTogether(name: string): readonly string[] | undefined {
    if (!/^[A-Za-z]{2,}$/.test(name) || GREEK_NAMES.has(name) || functionNamed(name) || name === 'pi') return undefined;
    if (this.scope.builder.lookup(name) !== undefined || this.scope.builder.variables.includes(name)) return undefined;
    const letters = [...name];
    const variable = (letter: string) => this.letters.has(letter) || this.scope.builder.variables.includes(letter);
    // the constant e may be one of the letters (xe^x = x·e^x), so long as a variable is too
    return letters.every((letter) => variable(letter) || letter === 'e') && letters.some(variable) ? letters : undefined;
  }

  /** `sinx` → sin and x, `sin2x` → sin and 2x: a function's name run into an argument made of the text's variables. */
  private functionRunTogether(name: string): { fn: string; argument: string } | undefined {
    if (this.scope.builder.lookup(name) !== undefined || this.scope.builder.variables.includes(name) || functionNamed(name)) return undefined;
    const variable = (letter: string) => this.letters.has(letter) || this.scope.builder.variables.includes(letter);
    for (let cut = name.length - 1; cut >= 2; cut--) {
      const [fn, argument] = [name.slice(0, cut), name.slice(cut)];
      if (!functionNamed(fn) || !/^[0-9]*[A-Za-z]+$/.test(argument)) continue;
      if ([...argument.replace(/^[0-9]+/, '')].every(variable)) return { fn, argument };
    }
    return undefined;
  }
}

/**
 * The name a line defines: `f = …`, or `f(x) = …` / `loss(w, b) = …` (a name applied to variables, as functions are
 * defined in homework). Undefined for any other head.
 */
function definedName(head: ClaimHead, raw: string): DefinedName | undefined {
  if (head.kind !== 'expression' || head.at) return undefined;
  const expr = head.expr;
  if (expr.kind === 'name') return ['pi', 'e'].includes(expr.name) ? undefined : { name: expr.name, span: expr.span };
  // f(x): the grammar reads a one-letter name before a parenthesis as a product
  if (expr.kind === 'binary' && expr.implicit && expr.left.kind === 'name' && expr.right.kind === 'name' && raw[expr.right.span.offset] === '(') {
    return { name: expr.left.name, span: expr.left.span, parameters: [expr.right.name] };
  }
  if (expr.kind === 'call' && !functionNamed(expr.name) && expr.args.every((arg) => arg.kind === 'name')) {
    return { name: expr.name, span: expr.nameSpan, parameters: expr.args.map((arg) => (arg as { name: string }).name) };
  }
  return undefined;
}

/** `e = y - yhat`: a line that would define e or pi (as a name of its own) by an expression in variables. */
function namingConstant(syntax: ClaimLine): { name: string; span: Span } | undefined {
  if (syntax.kind !== 'claim' || syntax.head.kind !== 'expression' || syntax.head.at || syntax.steps.length !== 1) return undefined;
  const head = syntax.head.expr;
  if (head.kind !== 'name' || (head.name !== 'e' && head.name !== 'pi')) return undefined;
  return namesIn(syntax.steps[0]!).some((expr) => expr.name !== 'e' && expr.name !== 'pi') ? { name: head.name, span: head.span } : undefined;
}

/** Whether an expression mentions a name (as a variable, a function or a derivative's function). */
function mentions(expr: Expr, name: string): boolean {
  switch (expr.kind) {
    case 'number':
      return false;
    case 'name':
      return expr.name === name;
    case 'derivative':
      return expr.name === name;
    case 'call':
      return expr.name === name || expr.args.some((arg) => mentions(arg, name));
    case 'differentiate':
      return mentions(expr.expr, name);
    case 'unary':
      return mentions(expr.arg, name);
    case 'binary':
      return mentions(expr.left, name) || mentions(expr.right, name);
  }
}

/**
 * Whether a name is used by any of the lines (`f`, `2f`, `f(2)`, `df/dx`, `\frac{\partial f}{\partial x}`, `f'(x)`,
 * `\hat{y}` for yhat): as the lines were read, or in the words of a line that could not be read.
 */
function usedAfter(name: string, lines: readonly TextLine[]): boolean {
  const words = /∂?[A-Za-z_][A-Za-z0-9_]*/g; // a name starts with a letter: in 2g, g is a name
  return lines.some((line) => {
    if (!line) return false;
    if ('syntax' in line) return namesOf(line.syntax).includes(name);
    return (line.raw.match(words) ?? []).some((word) => word === name || word.replace(/^[d∂]/, '') === name);
  });
}
