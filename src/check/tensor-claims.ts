/**
 * Tensor claims files: a claims file that declares shapes (`W: 4x3; x: 3; y: 4`) is read as a tensor program whose
 * lines may also claim a derivative, `dL/dW = 2 (W x - y) x'`: L a scalar binding, W a declared tensor, the right
 * side a tensor expression compared entry by entry with ∂L/∂W (see tensor-compare.ts).
 */
import { InputError, WorkLimit } from '../errors.js';
import { inputError, type Source } from '../build/shared.js';
import { Simplifier } from '../symbolic/simplify.js';
import { parseProgram, type ParseLimits } from '../syntax/parse.js';
import type { Expr, Span } from '../syntax/tree.js';
import type { NotationWarning } from '../syntax/reading.js';
import { TensorScope } from '../build/tensor-scope.js';
import { transposedText } from '../tensor/transpose-text.js';
import type { CheckOptions, ClaimResult, LineError } from './results.js';
import { ENTRIES_PER_CLAIM, NODES_PER_CLAIM } from './budgets.js';
import { variablesOf } from './equivalence.js';
import { judgeShapeless, judgeTensorClaim, type Constraint } from './tensor-compare.js';
import { readRunTogetherNames, splitInto } from '../syntax/claim-reading.js';
import { linesOf } from '../syntax/claim-lines.js';
import { Tape } from '../numeric/tape.js';
import type { NodeId } from '../graph/graph.js';
import { substituteAll } from '../graph/substitute.js';
import type { Value } from '../tensor/kernels.js';

/** `dL/dW =` or `∂L/∂W =` at the start of a statement. */
const DERIVATIVE_HEAD = /^\s*(?:d|∂)\s*([A-Za-z_][A-Za-z0-9_]*)\s*\/\s*(?:d|∂)\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/;


/** One statement of a line: its text padded with blanks to its place on the line (so spans point into the line). */
interface Piece {
  readonly padded: string;
  readonly offset: number;
}

/** The lines of a tensor claims file, read in order into one scope; each derivative claim is judged when read. */
export class TensorClaimSession {
  private readonly scope = new TensorScope();
  private readonly algebra = new Simplifier(this.scope.graph);

  constructor(private readonly options: CheckOptions & { readonly limits: ParseLimits }) {}

  /** Reads the lines of a text (declarations, bindings, claims); `firstLine` numbers the first line. */
  read(text: string, firstLine = 1): { claims: ClaimResult[]; errors: LineError[]; warnings: NotationWarning[] } {
    const claims: ClaimResult[] = [];
    const errors: LineError[] = [];
    linesOf(text).forEach((raw, index) => {
      const number = index + firstLine;
      const source: Source = { text: raw, name: this.options.sourceName };
      for (const piece of pieces(raw)) {
        const head = DERIVATIVE_HEAD.exec(piece.padded);
        try {
          if (head) claims.push(this.claim(piece, head, number, source));
          else this.scope.read(parseProgram(piece.padded, this.options.limits, this.options.sourceName, number), source);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          errors.push({ line: number, error });
        }
      }
    });
    return { claims, errors, warnings: [] }; // tensor claims are read as tensor programs, without bare functions
  }

  /** Parses a claim's right side, then judges it; a claim that cannot be judged is undetermined, with the reason. */
  private claim(piece: Piece, head: RegExpExecArray, line: number, source: Source): ClaimResult {
    const [, of, wrt] = head as unknown as [string, string, string];
    const rightStart = head.index + head[0].length;
    if (piece.padded.indexOf('=', rightStart) >= 0) {
      const start = piece.padded.indexOf('=', rightStart);
      throw inputError('syntax', 'derivations (several steps) are not supported in matrix claims yet', source, span(start, start + 1, line), 'claim one right side per line');
    }
    const written = onlyExpression(parseProgram(' '.repeat(rightStart) + piece.padded.slice(rightStart), this.options.limits, this.options.sourceName, line), source);
    const expr = this.splitNames(written, source.text); // Wx is W x where W and x are declared
    const base = { line, startLine: line, claim: piece.padded.trim(), kind: 'derivative' as const, target: `d${of}/d${wrt}` };
    const stopped = this.options.stopped?.get(line);
    if (stopped !== undefined) return { ...base, verdict: 'undetermined', reason: stopped };
    this.options.onClaim?.(line);
    try {
      return { ...base, ...this.scope.graph.budget(NODES_PER_CLAIM, () => this.judge(of, wrt, expr, source, span(head.index, rightStart, line))) };
    } catch (error) {
      const reason = error instanceof InputError ? `${error.message}${error.hint ? ` (${error.hint})` : ''}` : error instanceof WorkLimit ? error.message : `internal error: ${(error as Error).message}`;
      return { ...base, verdict: 'undetermined', reason };
    }
  }

  /**
   * The targets of cross_entropy are distributions: in each column the last entry is 1 minus the others, so that
   * ∂L/∂z = softmax(z) − y, as the lectures write it, is the derivative (by anything but the targets themselves).
   */
  private distributionConstraint(wrt: string): Constraint | undefined {
    const graph = this.scope.graph;
    const replacements = new Map<NodeId, NodeId>();
    for (const target of this.scope.distributions()) {
      if (target.entries.some((entry) => entry === wrt) || target.entries[0] === `${wrt}_1` || target.entries[0] === `${wrt}_1_1`) continue;
      const { rows, cols } = target.shape;
      for (let j = 0; j < cols; j++) {
        const column = Array.from({ length: rows }, (_, i) => graph.variable(target.entries[i * cols + j]!));
        const others = column.slice(0, -1).reduce<NodeId>((sum, entry) => this.algebra.add(sum, entry), this.algebra.num(0));
        replacements.set(column[rows - 1]!, this.algebra.sub(this.algebra.num(1), others));
      }
    }
    if (replacements.size === 0) return undefined;
    const implied = [...replacements].map(([variable, value]) => ({ name: graph.node(variable).name!, value }));
    return {
      apply: (node) => substituteAll(graph, node, replacements),
      implied: (point) => ({ ...point, ...Object.fromEntries(implied.map(({ name, value }) => [name, new Tape(graph, [value]).forward(point)[value]!])) }),
    };
  }

  /** A right side with each name that is declared or bound names run together (Wx, W1h) read as their product. */
  private splitNames(expr: Expr, text: string): Expr {
    const known = (name: string) => this.scope.declared(name) !== undefined || this.scope.lookup(name) !== undefined;
    const split = (name: string) => (known(name) ? undefined : splitInto(name, known));
    const line = readRunTogetherNames({ kind: 'continuation', steps: [expr] }, text, split, []);
    return line.steps[0]!;
  }

  private judge(of: string, wrt: string, expr: Expr, source: Source, headSpan: Span) {
    const fn = this.scope.lookup(of);
    if (!fn) throw inputError('unknown-name', `${of} is not defined`, source, headSpan, `define it on a line before, as in ${of} = norm2(W x - y)`);
    if (fn.shape) throw inputError('syntax', `${of} is a tensor, not a scalar: ∂${of}/∂${wrt} is not a matrix`, source, headSpan, `differentiate a scalar, as in L = norm2(${of})`);
    if (this.scope.lookup(wrt)) throw inputError('syntax', `${wrt} is a binding: matrix claims are by declared inputs only, for now`, source, headSpan, `claim ∂${of}/∂ of a declared tensor, as in dL/dW`);
    const declared = this.scope.declared(wrt);
    const node = fn.entries[0]!;
    if (!declared && !variablesOf(this.scope.graph, [node]).includes(wrt)) {
      throw inputError('unknown-name', `${wrt} is neither declared nor a variable of ${of}`, source, headSpan, `declare it, as in ${wrt}: 4x3`);
    }
    const entries = declared?.entries.length ?? 1;
    if (entries > ENTRIES_PER_CLAIM) {
      throw new WorkLimit(`∂${of}/∂${wrt} has ${entries} entries; a matrix claim is checked entry by entry for at most ${ENTRIES_PER_CLAIM} of them`);
    }
    const subject = {
      algebra: this.algebra,
      fn: node,
      of,
      wrt,
      shape: declared?.shape,
      variables: declared?.entries ?? [wrt],
      names: new Map([...this.scope.entryNames()].map(([id, name]) => [this.algebra.simplify(id), name])),
      seed: this.options.seed,
    };
    const constraint = this.distributionConstraint(wrt);
    if (constraint) Object.assign(subject, { constraint });
    let claimed: Value;
    try {
      claimed = this.scope.lower(expr, source);
    } catch (error) {
      if (error instanceof InputError && error.kind === 'shape') return judgeShapeless(subject, error.message); // a wrong answer, not an unreadable one
      throw error;
    }
    const transposed = () => transposedText(expr, { text: (e) => source.text.slice(e.span.offset, e.span.end), shape: (e) => this.scope.shapeOf(e, source) });
    return judgeTensorClaim({ ...subject, claimed, transposed });
  }
}

/** The statements of a line between semicolons, comments left out, each padded to its place. */
function pieces(raw: string): Piece[] {
  const code = withoutComment(raw);
  const found: Piece[] = [];
  let offset = 0;
  for (const part of code.split(';')) {
    if (part.trim() !== '') found.push({ padded: ' '.repeat(offset) + part, offset });
    offset += part.length + 1;
  }
  return found;
}

function withoutComment(line: string): string {
  const hash = line.indexOf('#');
  return hash < 0 ? line : line.slice(0, hash);
}

/** The one expression a claim's right side must be. */
function onlyExpression(statements: readonly { kind: string; expr?: Expr }[], source: Source): Expr {
  const [first] = statements;
  if (statements.length !== 1 || first!.kind !== 'expr') throw inputError('syntax', 'the right side of a claim is one expression', source, span(0, source.text.length, 1));
  return first!.expr!;
}

function span(offset: number, end: number, line: number): Span {
  return { offset, end, line, col: offset + 1 };
}
