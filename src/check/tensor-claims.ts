/**
 * Matrix claims files: a claims file that declares shapes (`W: 4x3; x: 3; y: 4`, or in LaTeX
 * `\mathbf{W} \in \mathbb{R}^{4 \times 3}`) is read line by line as a tensor program whose lines may also claim:
 * - a derivative, `dL/dW = 2 (W x - y) x'`, by a declared input or by a binding (`dL/dz1 = …`: backprop's adjoint),
 *   with derivation steps on the lines after it (`= …`), and right sides that may use earlier adjoints (`dL/dz2`);
 * - an identity between matrix expressions, `(W x - y)' (W x - y) = norm2(W x - y)`;
 * - a value at a point, `dL/dW at W = [[1, 2], [3, 4]], x = [1, 2] = [[…]]` or `L at … = 3.5`.
 * Each is judged in matrix form (matrix-judge.ts): no lowering to scalar entries, so a 256×784 layer is cheap.
 */
import { InputError, WorkLimit } from '../errors.js';
import { inputError, type Source } from '../build/shared.js';
import { Lowering, type Tracked } from '../build/tensor.js';
import { programOf } from '../build/tensor.js';
import { Graph, type NodeId } from '../graph/graph.js';
import { differentiateMatrix } from '../matrix/differentiate.js';
import { backward, forward } from '../matrix/evaluate.js';
import { printMatrix, printMatrixLatex, texNames } from '../matrix/print.js';
import type { MatrixProgram } from '../matrix/graph.js';
import type { Value } from '../matrix/numeric.js';
import { parseProgram, type ParseLimits } from '../syntax/parse.js';
import { renameNames, spelled, type Expr, type Span } from '../syntax/tree.js';
import type { NotationWarning } from '../syntax/reading.js';
import { readRunTogetherNames, splitInto } from '../syntax/claim-reading.js';
import { linesOf } from '../syntax/claim-lines.js';
import { tensorText, UnknownCommand } from '../syntax/matrix-text.js';
import { shapeWords, sizeOf } from '../tensor/shape.js';
import type { CheckOptions, ClaimResult, LineError } from './results.js';
import { NODES_PER_CLAIM } from './budgets.js';
import { atSizes } from './at-sizes.js';
import { precisionOf } from './precision.js';
import { judgeMatrixDerivative, judgeMatrixIdentity, judgeMatrixValue, provenDerivative, type MatrixJudgement } from './matrix-judge.js';

const NAME = '[A-Za-zα-ωΓΔΘΛΞΦΨΩŷ_][A-Za-z0-9_α-ωŷ]*';
/** `dL/dW` or `∂L/∂W` at the start of a statement, then `at` or `=`. */
const DERIVATIVE_HEAD = new RegExp(`^\\s*(?:d|∂)\\s*(${NAME})\\s*/\\s*(?:d|∂)\\s*(${NAME})\\s*(?=at\\b|=)`);
/** `shape of dL/dW = (4, 3)` (or 4x3, 4 × 3): the shape of a derivative. */
const SHAPE_HEAD = new RegExp(`^\\s*shape\\s+of\\s+(?:d|∂)\\s*(${NAME})\\s*/\\s*(?:d|∂)\\s*(${NAME})\\s*=\\s*(.*)$`);
/** `L at W = …`: the value of a binding at a point. */
const VALUE_HEAD = new RegExp(`^\\s*(${NAME})\\s+(?=at\\b)`);
/** `dL/dz2` inside a right side: the adjoint, as a value. */
const DERIVATIVE_REFERENCE = new RegExp(`(?:d|∂)\\s*(${NAME})\\s*/\\s*(?:d|∂)\\s*(${NAME})`, 'g');
/** Input entries above which a derivative is not also checked entry by entry on the scalar graph. */
export const REFEREE_ENTRIES = 400;

/** A claim being read: its head and the steps written so far (a derivation continues on lines that start with =). */
interface OpenClaim {
  readonly kind: 'derivative' | 'identity';
  readonly line: number;
  readonly of?: string;
  readonly wrt?: string;
  readonly headSpan: Span;
  readonly source: Source;
  /** The claim's first line as written. */
  readonly written: string;
  readonly steps: { readonly node: NodeId; readonly line: number; readonly written: string; readonly references: readonly { of: string; wrt: string }[] }[];
  /** Why it cannot be judged (a step that could not be read), if so. */
  broken?: string;
  /** A step whose shapes do not fit: a wrong answer, not an unreadable one. */
  shapeless?: { readonly step: number; readonly line: number; readonly text: string; readonly why: string };
}

/** The lines of a matrix claims file, read in order into one program; each claim is judged when its last step is read. */
export class TensorClaimSession {
  private readonly lowering: Lowering;
  private readonly names = new Map<NodeId, string>();
  /** Named sizes and their numbers (B = 8 for X: 3xB): inputs whose value is given. */
  private readonly fixed = new Map<string, number>();
  private open: OpenClaim | undefined;
  private readonly claims: ClaimResult[] = [];

  constructor(private readonly options: CheckOptions & { readonly limits: ParseLimits; readonly sizes?: ReadonlyMap<string, number> }) {
    this.lowering = new Lowering(new Graph(), { text: '' }, options.sizes);
  }

  /** Reads the lines of a text (declarations, bindings, claims, steps); `firstLine` numbers the first line. */
  read(text: string, firstLine = 1): { claims: ClaimResult[]; errors: LineError[]; warnings: NotationWarning[] } {
    const errors: LineError[] = [];
    const before = this.claims.length;
    linesOf(text).forEach((raw, index) => {
      const number = index + firstLine;
      for (const piece of pieces(raw)) {
        try {
          this.statement(piece, number, errors);
        } catch (error) {
          if (error instanceof UnknownCommand) {
            errors.push({ line: number, error: inputError('syntax', error.message, { text: raw, name: this.options.sourceName }, span(0, raw.length, number), error.hint) });
            continue;
          }
          if (!(error instanceof InputError)) throw error;
          errors.push({ line: number, error });
        }
      }
    });
    this.close();
    return { claims: this.claims.slice(before), errors, warnings: [] };
  }

  /** One statement of a line: a step of the open claim, a claim, a declaration or a binding. */
  private statement(raw: string, line: number, errors: LineError[]): void {
    const text = tensorText(raw);
    const source: Source = { text, name: this.options.sourceName };
    this.lowering.use(source);
    if (/^\s*=/.test(text)) {
      if (!this.open) throw inputError('syntax', 'a step "= …" continues a claim, and there is none above', source, span(text.indexOf('='), text.indexOf('=') + 1, line), 'start with the claim, as in dL/dW = …');
      this.addSteps(this.open, text, 0, line, errors, raw.trim());
      return;
    }
    this.close();
    const shape = SHAPE_HEAD.exec(text);
    if (shape) return this.shapeClaim(text, shape, line, source);
    const head = DERIVATIVE_HEAD.exec(text);
    if (head) {
      const rest = head.index + head[0].length;
      const [of, wrt] = [this.alias(spelled(head[1]!)), this.alias(spelled(head[2]!))];
      if (text.startsWith('at', rest)) return this.valueAt(text, rest + 2, line, source, { of, wrt });
      this.open = { kind: 'derivative', line, of, wrt, headSpan: span(head.index, rest, line), source, written: raw.trim(), steps: [] };
      this.addSteps(this.open, text, rest, line, errors, raw.trim());
      return;
    }
    const valueHead = VALUE_HEAD.exec(text);
    const valued = valueHead ? this.alias(spelled(valueHead[1]!)) : undefined;
    if (valued !== undefined && this.lowering.lookup(valued)) return this.valueAt(text, valueHead![0].length + 2, line, source, { of: valued });
    const sides = splitTopLevel(text, '=');
    if (sides.length >= 2 && !new RegExp(`^\\s*${NAME}\\s*$`).test(sides[0]!.text)) {
      this.open = { kind: 'identity', line, headSpan: span(0, text.length, line), source, written: raw.trim(), steps: [] };
      this.addSteps(this.open, text, 0, line, errors, raw.trim(), true);
      return;
    }
    this.program(text, source, line);
  }

  /** A declaration or a binding. */
  private program(text: string, source: Source, line: number): void {
    for (const statement of parseProgram(this.withReferences(text, source, line), this.options.limits, this.options.sourceName, line)) {
      if (statement.kind === 'declare') {
        this.lowering.declare(statement);
        this.bindNamedSizes(statement.name);
        continue;
      }
      if (statement.kind === 'expr') {
        throw inputError('syntax', 'a line of a matrix claims file declares a shape, binds a name or makes a claim', source, statement.expr.span, 'write W: 4x3, L = norm2(W x - y) or dL/dW = …');
      }
      if (this.lowering.lookup(statement.name)) {
        throw inputError('unknown-name', `${statement.name} already has a value from a line above`, source, statement.nameSpan, 'choose another name');
      }
      const before = this.lowering.records.length;
      const value = this.lowering.expression(this.splitNames(statement.expr, text));
      this.lowering.bind(statement.name, statement.nameSpan, value, before);
      if (this.lowering.matrices.graph.node(value.matrix).inputs.length > 0 && !this.names.has(value.matrix)) this.names.set(value.matrix, statement.name);
    }
  }

  /** A named size (B in X: 3xB) is a number in the expressions that follow (2/B): an input whose value is the size. */
  private bindNamedSizes(name: string): void {
    const shape = this.lowering.declared.get(name)?.shape;
    for (const [size, value] of [[shape?.rowsName, shape?.rows], [shape?.colsName, shape?.cols]] as const) {
      if (size === undefined || value === undefined || this.lowering.lookup(size) || this.lowering.declared.has(size) || this.fixed.has(size)) continue;
      this.fixed.set(size, value);
    }
  }

  /** The steps after `from` (each after an `=`), built into the program's graph. */
  private addSteps(claim: OpenClaim, text: string, from: number, line: number, errors: LineError[], written: string, leading = false): void {
    const parts = splitTopLevel(text, '=', from);
    const steps = leading ? parts : parts.slice(1);
    if (!leading && parts[0]!.text.trim() !== '') throw inputError('syntax', 'expected "=" here', claim.source, span(from, from + 1, line));
    for (const part of steps) {
      if (claim.broken || claim.shapeless) return;
      const padded = ' '.repeat(part.offset) + part.text;
      try {
        const references: { of: string; wrt: string }[] = [];
        const expr = this.splitNames(onlyExpression(parseProgram(this.withReferences(padded, claim.source, line, references), this.options.limits, this.options.sourceName, line), claim.source, line), text);
        claim.steps.push({ node: this.lowering.expression(expr).matrix, line, written, references });
      } catch (error) {
        if (error instanceof InputError && error.kind === 'shape') {
          claim.shapeless = { step: claim.steps.length + 1, line, text: written, why: error.message };
          return;
        }
        if (!(error instanceof InputError)) throw error;
        errors.push({ line, error });
        claim.broken = `the step on line ${line} could not be read`;
        return;
      }
    }
  }

  /** A right side with each `dL/dz` in it bound to the adjoint it names (as backprop writes δ). */
  private withReferences(text: string, source: Source, line: number, found: { of: string; wrt: string }[] = []): string {
    return text.replace(DERIVATIVE_REFERENCE, (whole, ofWritten: string, wrtWritten: string, offset: number) => {
      const [of, wrt] = [this.alias(spelled(ofWritten)), this.alias(spelled(wrtWritten))];
      found.push({ of, wrt });
      const fn = this.lowering.lookup(of);
      const node = this.lowering.lookup(wrt)?.matrix ?? this.lowering.matrixInputs.get(wrt);
      const where = span(offset, offset + whole.length, line);
      if (!fn || fn.shape) throw inputError('unknown-name', `${of} is not a scalar defined above, so d${of}/d${wrt} has no value here`, source, where);
      if (node === undefined) throw inputError('unknown-name', `${wrt} is not defined above`, source, where);
      const derivatives = differentiateMatrix(this.lowering.matrices, fn.matrix);
      const adjoint = derivatives.adjoints.get(node);
      if (!this.lowering.matrices.graph.ancestors([fn.matrix]).includes(node)) throw inputError('unknown-name', `${of} does not depend on ${wrt}`, source, where);
      if (adjoint === undefined || derivatives.unsupported.has(node)) throw inputError('syntax', `d${of}/d${wrt} goes through an op with no matrix-form rule`, source, where, 'write it out');
      // the adjoint is bound to the name dL_dz (as long as dL/dz, so that spans still point at the line)
      const name = `d${of}_d${wrt}`;
      const shape = this.lowering.matrices.shape(adjoint);
      this.lowering.bind(name, where, { matrix: adjoint, ...(shape ? { shape } : {}) } as Tracked, this.lowering.records.length);
      this.names.set(adjoint, `∂${of}/∂${wrt}`);
      return name.padEnd(whole.length);
    });
  }

  /** Judges the open claim, if any. */
  private close(): void {
    const claim = this.open;
    if (!claim) return;
    this.open = undefined;
    const base = { line: claim.line, startLine: claim.line, claim: claim.written, kind: claim.kind, ...(claim.of ? { target: `d${claim.of}/d${claim.wrt}` } : {}) } as const;
    if (claim.broken) return void this.claims.push({ ...base, verdict: 'undetermined', reason: claim.broken });
    const stopped = this.options.stopped?.get(claim.line);
    if (stopped !== undefined) return void this.claims.push({ ...base, verdict: 'undetermined', reason: stopped });
    this.options.onClaim?.(claim.line);
    let judged: MatrixJudgement;
    try {
      judged = this.lowering.graph.budget(NODES_PER_CLAIM, () => this.judge(claim));
    } catch (error) {
      const reason = error instanceof InputError ? `${error.message}${error.hint ? ` (${error.hint})` : ''}` : error instanceof WorkLimit ? error.message : `internal error: ${(error as Error).message}`;
      return void this.claims.push({ ...base, verdict: 'undetermined', reason });
    }
    if (judged.verdict === 'correct' && claim.shapeless) {
      const { step, line, text, why } = claim.shapeless;
      judged = { verdict: 'incorrect', step, diagnosis: `wrong shapes: ${why}, so this step is no matrix at all`, diagnosisKind: 'shape' };
      return void this.claims.push({ ...base, line, claim: text, ...judged });
    }
    const unworked = claim.kind === 'derivative' ? this.unworked(claim) : [];
    if (unworked.length > 0) judged = { ...judged, unworked };
    if (claim.kind === 'derivative' && this.lowering.lookup(claim.wrt!)) this.nameAdjoint(claim.of!, claim.wrt!);
    const wrong = judged.step !== undefined ? claim.steps[judged.step - 1] : undefined;
    this.claims.push({ ...base, ...(wrong && wrong.line !== claim.line ? { line: wrong.line, claim: wrong.written } : {}), ...judged });
  }

  /**
   * The derivatives a final answer uses that backprop has not computed before this one: ∂L/∂W itself (dL/dW = dL/dW),
   * or the adjoint of a node that does not depend on W. An earlier adjoint (∂L/∂z2 in ∂L/∂W2 = ∂L/∂z2 hᵀ) is the
   * lecture's own form and counts as worked out.
   */
  private unworked(claim: OpenClaim): string[] {
    const last = claim.steps[claim.steps.length - 1];
    if (!last) return [];
    const target = this.lowering.lookup(claim.wrt!)?.matrix ?? this.lowering.matrixInputs.get(claim.wrt!);
    const graph = this.lowering.matrices.graph;
    return last.references
      .filter(({ wrt }) => {
        const node = this.lowering.lookup(wrt)?.matrix ?? this.lowering.matrixInputs.get(wrt);
        return node === undefined || target === undefined || node === target || !graph.ancestors([node]).includes(target);
      })
      .map(({ of, wrt }) => `d${of}/d${wrt}`);
  }

  /** Once ∂L/∂z of a binding z has been claimed, later answers are printed with it by that name (∂L/∂z1 xᵀ). */
  private nameAdjoint(of: string, wrt: string): void {
    const [fn, node] = [this.lowering.lookup(of), this.lowering.lookup(wrt)];
    if (!fn || fn.shape || !node) return;
    const derivatives = differentiateMatrix(this.lowering.matrices, fn.matrix);
    const adjoint = derivatives.unsupported.has(node.matrix) ? undefined : derivatives.adjoints.get(node.matrix);
    if (adjoint !== undefined && this.lowering.matrices.graph.node(adjoint).inputs.length > 0 && !this.names.has(adjoint)) this.names.set(adjoint, `∂${of}/∂${wrt}`);
  }

  private judge(claim: OpenClaim): MatrixJudgement {
    const subject = {
      program: { matrices: this.lowering.matrices, bindings: new Map(), inputs: this.lowering.matrixInputs, declared: new Map(), fixed: this.fixed },
      steps: claim.steps.map((step) => step.node),
      names: this.names,
      ...(this.options.seed !== undefined ? { seed: this.options.seed } : {}),
      lower: (output: NodeId) => this.lowered(output),
    };
    if (claim.shapeless && claim.steps.length === 0) {
      const expected = claim.kind === 'derivative' ? this.subjectOf(claim.of!, claim.wrt!, claim.source, claim.headSpan) : undefined;
      const shape = expected ? `; ∂${expected.of.name}/∂${expected.wrt.name} is ${shapeWords(this.lowering.matrices.shape(expected.wrt.node))}, shaped like ${expected.wrt.name}` : '';
      const right = expected ? provenDerivative(subject, expected.of, expected.wrt).text : undefined;
      return { verdict: 'incorrect', step: 1, ...right, diagnosis: `wrong shapes: ${claim.shapeless.why}, so your answer is no matrix at all${shape}`, diagnosisKind: 'shape' };
    }
    if (claim.kind === 'identity') {
      if (claim.shapeless) return { verdict: 'incorrect', step: claim.shapeless.step - 1, diagnosis: `wrong shapes: ${claim.shapeless.why}, so that side is no matrix at all`, diagnosisKind: 'shape' };
      if (claim.steps.length < 2) throw inputError('syntax', 'an identity needs two sides', claim.source, claim.headSpan);
      return judgeMatrixIdentity(subject);
    }
    const { of, wrt } = this.subjectOf(claim.of!, claim.wrt!, claim.source, claim.headSpan);
    return judgeMatrixDerivative(subject, of, wrt);
  }

  /** The scalar L and what it is differentiated by (a declared input, a scalar variable, or a binding). */
  private subjectOf(ofName: string, wrtName: string, source: Source, headSpan: Span) {
    const fn = this.lowering.lookup(ofName);
    if (!fn) throw inputError('unknown-name', `${ofName} is not defined`, source, headSpan, `define it on a line before, as in ${ofName} = norm2(W x - y)`);
    if (fn.shape) throw inputError('syntax', `${ofName} is a tensor, not a scalar: ∂${ofName}/∂${wrtName} is not a matrix`, source, headSpan, `differentiate a scalar, as in L = norm2(${ofName})`);
    const bound = this.lowering.lookup(wrtName);
    const input = this.lowering.matrixInputs.get(wrtName);
    if (!bound && input === undefined) {
      if (this.lowering.declared.has(wrtName)) return { of: { name: ofName, node: fn.matrix }, wrt: { name: wrtName, node: this.lowering.matrices.input(wrtName, this.lowering.declared.get(wrtName)!.shape), input: true } };
      throw inputError('unknown-name', `${wrtName} is neither declared nor used by ${ofName}`, source, headSpan, `declare it, as in ${wrtName}: 4x3`);
    }
    return { of: { name: ofName, node: fn.matrix }, wrt: { name: wrtName, node: bound?.matrix ?? input!, input: !bound } };
  }

  /** The program lowered to scalar entries with `output` as its output, when small: the referee's view. */
  private lowered(output: NodeId) {
    const inputs = [...this.lowering.matrixInputs.values()].reduce((sum, node) => sum + sizeOf(this.lowering.matrices.shape(node)), 0);
    if (inputs > REFEREE_ENTRIES) return undefined;
    const matrix: MatrixProgram = { matrices: this.lowering.matrices, output, bindings: new Map(), inputs: this.lowering.matrixInputs, declared: new Map(), fixed: this.fixed };
    return programOf({ matrix, tensors: { records: this.lowering.records, output: 0 }, builder: this.lowering }, output, { ...(this.options.sourceName ? { sourceName: this.options.sourceName } : {}), span: span(0, 0, 1) });
  }

  /** `shape of dL/dW = (4, 3)`: right when it is the shape of ∂L/∂W (shaped like W, a denominator-layout gradient). */
  private shapeClaim(text: string, head: RegExpExecArray, line: number, source: Source): void {
    const [of, wrt] = [this.alias(spelled(head[1]!)), this.alias(spelled(head[2]!))];
    const where = span(0, text.length, line);
    const base = { line, startLine: line, claim: text.trim(), kind: 'value' as const, target: `shape of d${of}/d${wrt}` };
    const written = /^\s*\(?\s*([0-9]+)\s*(?:,|x|×|\\times|by)\s*([0-9]+)\s*\)?\s*$/.exec(head[3]!) ?? /^\s*\(?\s*([0-9]+)\s*\)?\s*$/.exec(head[3]!);
    if (!written) throw inputError('syntax', `"${head[3]!.trim()}" is not a shape`, source, where, 'write a shape as (4, 3), 4x3, or 4 for a column');
    const { wrt: subject } = this.subjectOf(of, wrt, source, where);
    const shape = this.lowering.matrices.shape(subject.node);
    const [rows, cols] = shape ? [shape.rows, shape.cols] : [1, 1];
    const [claimedRows, claimedCols] = [Number(written[1]), Number(written[2] ?? 1)];
    const right = `(${rows}, ${cols})`;
    if (claimedRows === rows && claimedCols === cols) return void this.claims.push({ ...base, verdict: 'correct' });
    const transposed = claimedRows === cols && claimedCols === rows;
    this.claims.push({ ...base, verdict: 'incorrect', expected: right, diagnosis: transposed ? `a transpose: ∂${of}/∂${wrt} is shaped like ${wrt}, ${right} (denominator layout), not like ${wrt}ᵀ` : `∂${of}/∂${wrt} is shaped like ${wrt}: ${right}`, diagnosisKind: transposed ? 'transpose' : 'shape' });
  }

  /** The matrix-form derivative ∂of/∂wrt, proven, for a worked solution or an answer key; its shape. */
  answer(of: string, wrt: string, source: Source): { readonly text?: string; readonly latex?: string; readonly shape: readonly [number, number]; readonly notes: readonly string[] } {
    const subject = this.subjectOf(of, wrt, source, span(0, source.text.length, 1));
    const shape = this.lowering.matrices.shape(subject.wrt.node);
    const proven = provenDerivative({ program: { matrices: this.lowering.matrices, bindings: new Map(), inputs: this.lowering.matrixInputs, declared: new Map(), fixed: this.fixed }, steps: [], names: this.names, ...(this.options.seed !== undefined ? { seed: this.options.seed } : {}), lower: (output: NodeId) => this.lowered(output) }, subject.of, subject.wrt);
    return { ...(proven.text ? { text: proven.text.expected, latex: proven.text.expectedLatex } : {}), shape: shape ? [shape.rows, shape.cols] : [1, 1], notes: proven.notes };
  }

  /** `… at W = [[1, 2], [3, 4]], x = [1, 2] = value`: the derivative or the binding at the point, against the value written. */
  private valueAt(text: string, from: number, line: number, source: Source, what: { of: string; wrt?: string }): void {
    const items = splitTopLevel(text, ',', from);
    const last = items[items.length - 1]!;
    const tail = splitTopLevel(text, '=', last.offset, last.offset + last.text.length);
    if (tail.length !== 3) throw inputError('syntax', 'expected the point, then "=" and the value claimed', source, span(last.offset, last.offset + last.text.length, line), 'write dL/dW at W = [[1, 2], [3, 4]], x = [1, 2] = [[…]]');
    const pointEnd = tail[2]!.offset - 1;
    const written = literalValue(tail[2]!, source, line);
    const base = { line, startLine: line, claim: source.text.trim(), kind: 'value' as const, ...(what.wrt ? { target: `d${what.of}/d${what.wrt}` } : { target: what.of }) };
    const at = this.pointAt(text, from, pointEnd, line, source);
    const value = what.wrt ? at.gradient(what.of, what.wrt) : at.value(what.of);
    this.claims.push({ ...base, ...judgeMatrixValue(value, written.value, written.halfUnit) });
  }

  /**
   * The program at a point written `W = [[1, 2], [3, 4]], x = [1, 2]` (text[from, to)): the value of a binding, and the
   * gradient of a scalar binding by an input or a binding there. Every input used must be given.
   */
  pointAt(text: string, from = 0, to = text.length, line = 1, source: Source = { text, name: this.options.sourceName }) {
    const inputs = new Map<string, Value>();
    for (const item of splitTopLevel(text, ',', from, to)) {
      const parts = splitTopLevel(text, '=', item.offset, item.offset + item.text.length);
      if (parts.length !== 2) throw inputError('syntax', 'expected name = value', source, span(item.offset, item.offset + item.text.length, line), 'write W = [[1, 2], [3, 4]], x = [1, 2]');
      const name = this.alias(spelled(parts[0]!.text.trim()));
      const declared = this.lowering.declared.get(name);
      const value = literalValue(parts[1]!, source, line);
      const [rows, cols] = declared ? [declared.shape.rows, declared.shape.cols] : [1, 1];
      if (value.value.rows !== rows || value.value.cols !== cols) throw inputError('shape', `${name} is ${rows}×${cols}, but the value given is ${value.value.rows}×${value.value.cols}`, source, span(parts[1]!.offset, parts[1]!.offset + parts[1]!.text.length, line));
      inputs.set(name, value.value);
    }
    for (const [size, value] of this.fixed) if (!inputs.has(size)) inputs.set(size, { rows: 1, cols: 1, data: Float64Array.of(value) });
    const where = span(from, to, line);
    const evaluated = (name: string) => {
      const fn = this.lowering.lookup(name);
      if (!fn) throw inputError('unknown-name', `${name} is not defined`, source, where);
      const missing = [...this.lowering.matrixInputs].filter(([input, node]) => !inputs.has(input) && this.lowering.matrices.graph.ancestors([fn.matrix]).includes(node)).map(([input]) => input);
      if (missing.length > 0) throw inputError('unknown-name', `no value is given for ${missing.join(', ')}`, source, where, `give every input of ${name} a value after "at"`);
      return { fn, values: forward(this.lowering.matrices, [fn.matrix], inputs) };
    };
    return {
      inputs,
      value: (name: string): Value => {
        const { fn, values } = evaluated(name);
        return values.get(fn.matrix)!;
      },
      gradient: (of: string, wrt: string): Value => {
        const subject = this.subjectOf(of, wrt, source, where);
        const { fn, values } = evaluated(of);
        return backward(this.lowering.matrices, fn.matrix, values).get(subject.wrt.node) ?? zeros(this.lowering.matrices.shape(subject.wrt.node));
      },
    };
  }

  /** The program read so far: each declared input and binding with its shape, and each binding in matrix form. */
  describe(): { readonly inputs: readonly { name: string; shape: readonly [number, number] }[]; readonly bindings: readonly { name: string; text: string; latex: string; shape: readonly [number, number] }[] } {
    const { matrices } = this.lowering;
    const dims = (node: NodeId): [number, number] => {
      const shape = matrices.shape(node);
      return shape ? [shape.rows, shape.cols] : [1, 1];
    };
    const inputs = [...this.lowering.matrixInputs].filter(([name]) => !this.fixed.has(name)).map(([name, node]) => ({ name, shape: dims(node) }));
    const bindings = [...this.names].filter(([, name]) => !name.startsWith('∂')).map(([node, name]) => {
      const others = new Map([...this.names].filter(([other]) => other !== node && this.lowering.matrices.graph.node(other).inputs.length > 0));
      return { name, text: printMatrix(matrices, node, others), latex: printMatrixLatex(matrices, node, texNames(others)), shape: dims(node) };
    });
    return { inputs, bindings };
  }

  /** A name as this file knows it: W_2 (LaTeX's \mathbf{W}_2) for W2 and the other way round, when only one is known. */
  private alias(name: string): string {
    const known = (candidate: string) => this.lowering.declared.has(candidate) || this.lowering.lookup(candidate) !== undefined || this.fixed.has(candidate);
    if (known(name)) return name;
    const candidates = [name.replace(/_([0-9]+)$/, '$1'), name.replace(/^([A-Za-z]+)([0-9]+)$/, '$1_$2')];
    return candidates.find((candidate) => candidate !== name && known(candidate)) ?? name;
  }

  /** A right side with each name that is declared or bound names run together (Wx, W1h) read as their product. */
  private splitNames(expr: Expr, text: string): Expr {
    expr = renameNames(expr, (name) => this.alias(name));
    const known = (name: string) => this.lowering.declared.has(name) || this.lowering.lookup(name) !== undefined;
    const split = (name: string) => (known(name) ? undefined : splitInto(name, known));
    const line = readRunTogetherNames({ kind: 'continuation', steps: [expr] }, text, split, []);
    return line.steps[0]!;
  }
}

/**
 * Checks a matrix claims file; where sizes are left symbolic (`W: n x m`), at several concrete sizes (atSizes), so
 * that no matrix is square by accident and a missing transpose cannot hide.
 */
export function checkAtSizes(text: string, options: CheckOptions & { readonly limits: ParseLimits }): { claims: ClaimResult[]; errors: LineError[]; warnings: NotationWarning[] } {
  return atSizes(namedSizes(text), (sizes) => new TensorClaimSession({ ...options, ...(sizes ? { sizes } : {}) }).read(text));
}

/** The sizes a matrix claims file leaves symbolic (n and m in `W: n x m` or `\mathbb{R}^{n \times m}`), in order. */
function namedSizes(text: string): string[] {
  const found: string[] = [];
  const add = (dims: string) => {
    for (const part of dims.split(/\\times|×|\*|,|\bx\b|(?<=[0-9])x/)) {
      const name = part.trim();
      if (/^[A-Za-wyzA-Z_][A-Za-wyzA-Z_]*[0-9]*$/.test(name) && !found.includes(name)) found.push(name);
    }
  };
  for (const line of linesOf(text)) {
    for (const statement of line.replace(/#.*$/, '').split(';')) {
      const plain = /^\s*[A-Za-z_][A-Za-z0-9_]*\s*:\s*(.+)$/.exec(statement);
      if (plain) add(plain[1]!);
    }
    for (const latex of line.matchAll(/\\mathbb\s*\{?\s*R\s*\}?\s*\^\s*(?:\{([^}]*)\}|(\w))/g)) add(latex[1] ?? latex[2]!);
  }
  return found;
}

/** A literal: a number, a column [1, 2], or a matrix row by row [[1, 2], [3, 4]]; how precisely it was written. */
function literalValue(part: { text: string; offset: number }, source: Source, line: number): { value: Value; halfUnit: number } {
  const where = span(part.offset, part.offset + part.text.length, line);
  const trimmed = part.text.trim();
  if (!/^[-+0-9.eE\s,[\]]+$/.test(trimmed)) throw inputError('syntax', `"${trimmed}" is not a number or a matrix literal`, source, where, 'write numbers, a column [1, 2] or a matrix [[1, 2], [3, 4]]');
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed.replace(/(^|[[,\s])\+/g, '$1').replace(/(^|[^0-9])\.([0-9])/g, '$10.$2'));
  } catch {
    throw inputError('syntax', `"${trimmed}" is not a number or a matrix literal`, source, where);
  }
  const numbers = trimmed.match(/[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?/g) ?? [];
  const halfUnit = Math.max(0, ...numbers.map((number) => precisionOf(number.replace(/^[-+]/, '')).halfUnit));
  const rows: number[][] = typeof parsed === 'number' ? [[parsed]] : Array.isArray(parsed) && parsed.every((entry) => typeof entry === 'number') ? parsed.map((entry) => [entry as number]) : (parsed as number[][]);
  if (!Array.isArray(rows) || rows.length === 0 || !rows.every((row) => Array.isArray(row) && row.length === rows[0]!.length && row.every((entry) => typeof entry === 'number'))) {
    throw inputError('syntax', `"${trimmed}" is not a matrix: every row needs as many numbers`, source, where);
  }
  return { value: { rows: rows.length, cols: rows[0]!.length, data: Float64Array.from(rows.flat()) }, halfUnit };
}

/** The parts of `text[from, to)` between top-level separators (outside brackets), each with its offset. */
function splitTopLevel(text: string, separator: string, from = 0, to = text.length): { text: string; offset: number }[] {
  const parts: { text: string; offset: number }[] = [];
  let depth = 0;
  let start = from;
  for (let k = from; k < to; k++) {
    const c = text[k]!;
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === separator && depth === 0) {
      parts.push({ text: text.slice(start, k), offset: start });
      start = k + 1;
    }
  }
  parts.push({ text: text.slice(start, to), offset: start });
  return parts;
}

/** The statements of a line between semicolons, comments left out, each padded to its place. */
function pieces(raw: string): string[] {
  const comment = /#|(?<!\\)%/.exec(raw);
  const code = (comment ? raw.slice(0, comment.index) : raw).replace(/\\;/g, '\\ ');
  const found: string[] = [];
  let offset = 0;
  for (const part of splitTopLevel(code, ';').map((piece) => piece.text)) {
    if (part.trim() !== '') found.push(' '.repeat(offset) + part);
    offset += part.length + 1;
  }
  return found;
}

/** The one expression a step must be. */
function onlyExpression(statements: readonly { kind: string; expr?: Expr }[], source: Source, line: number): Expr {
  const [first] = statements;
  if (statements.length !== 1 || first!.kind !== 'expr') throw inputError('syntax', 'a step of a claim is one expression', source, span(0, source.text.length, line));
  return first!.expr!;
}

function zeros(shape: { rows: number; cols: number } | undefined): Value {
  const [rows, cols] = shape ? [shape.rows, shape.cols] : [1, 1];
  return { rows, cols, data: new Float64Array(rows * cols) };
}

function span(offset: number, end: number, line: number): Span {
  return { offset, end, line, col: offset + 1 };
}
