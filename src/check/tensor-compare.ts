/**
 * A claimed matrix derivative ∂L/∂W compared with the right one entry by entry, each pair of entries by the scalar
 * comparison (compareExpressions), so the verdicts follow the scalar rules. A claim shaped like Wᵀ, or a square one
 * equal to the right answer transposed, is diagnosed as a transpose missing; any other shape is wrong by its shape.
 */
import type { Graph, NodeId } from '../graph/graph.js';
import type { Point } from '../numeric/tape.js';
import { differentiate } from '../symbolic/differentiate.js';
import { printLatex } from '../symbolic/print.js';
import type { Simplifier } from '../symbolic/simplify.js';
import { transpose, type Value } from '../tensor/kernels.js';
import { sameShape, shapeWords, type TensorShape } from '../tensor/shape.js';
import { printAnswer } from './answer.js';
import { niceCounterexample } from './counterexample.js';
import { diagnoseDerivative, type MistakeKind } from './diagnose.js';
import { compareExpressions, variablesOf, type Comparison } from './equivalence.js';
import { sampleDomain } from './sample.js';

/** A claim `dL/dW = …` ready to judge: the function, the variables of W's entries, and the lowered right side. */
export interface TensorClaim {
  readonly algebra: Simplifier;
  /** The scalar L. */
  readonly fn: NodeId;
  /** How L and W are written (`L`, `W`). */
  readonly of: string;
  readonly wrt: string;
  /** W's shape (undefined for a scalar) and its entries' variables, row by row. */
  readonly shape: TensorShape | undefined;
  readonly variables: readonly string[];
  readonly claimed: Value;
  /** Bound entries, to write the expected answer with. */
  readonly names: ReadonlyMap<NodeId, string>;
  /** The claim's right side transposed, as text in the tensor syntax. */
  readonly transposed: () => string;
  readonly seed?: number;
  /** Constraints among the variables (the targets of cross_entropy sum to 1), put into entries before they are compared. */
  readonly constraint?: Constraint;
}

/** Variables given by the others: `apply` puts them into a node, `implied` adds their values to a point. */
export interface Constraint {
  readonly apply: (node: NodeId) => NodeId;
  readonly implied: (point: Point) => Point;
}

/** The verdict on a matrix claim, in the fields of a ClaimResult. */
export interface TensorJudgement {
  readonly verdict: 'correct' | 'incorrect' | 'undetermined';
  readonly expected?: string;
  readonly expectedLatex?: string;
  readonly counterexample?: { readonly point: Point; readonly claimed: number; readonly correct: number; readonly entry: string };
  readonly diagnosis?: string;
  readonly diagnosisKind?: MistakeKind;
  readonly reason?: string;
  readonly notes?: readonly string[];
}

/** Entries compared in order: the first different pair decides, else the first undecided one, else they are equal. */
interface EntryComparison {
  readonly verdict: Comparison['verdict'];
  /** The entry that decided a verdict other than equal. */
  readonly index?: number;
  readonly comparison?: Comparison;
  readonly notes: readonly string[];
}

/** Judges a claimed ∂L/∂W against the derivative, entry by entry. */
export function judgeTensorClaim(claim: TensorClaim): TensorJudgement {
  const { algebra, fn, variables } = claim;
  const byVariable = differentiateAll(algebra, fn, variables);
  const expected: Value = { ...(claim.shape ? { shape: claim.shape } : {}), entries: variables.map((name) => byVariable.get(name)!) };
  const shapes = `${shapeWords(claim.claimed.shape)} where ∂${claim.of}/∂${claim.wrt} is ${shapeWords(claim.shape)}, shaped like ${claim.wrt}`;
  if (sameShape(claim.claimed.shape, claim.shape)) {
    const compared = compareEntries(claim, claim.claimed.entries, expected.entries);
    if (compared.verdict === 'equal') return { verdict: 'correct', ...(compared.notes.length > 0 ? { notes: compared.notes } : {}) };
    if (compared.verdict === 'unknown') {
      return { verdict: 'undetermined', reason: `entry ${variables[compared.index!]}: ${compared.comparison!.reason ?? 'it could not be compared'}` };
    }
    const square = claim.shape !== undefined && claim.shape.rows === claim.shape.cols && claim.shape.rows > 1;
    if (square && compareEntries(claim, claim.claimed.entries, transpose(expected).entries).verdict === 'equal') {
      const words = `both are ${shapeWords(claim.shape)}, but entry (i, j) of ∂${claim.of}/∂${claim.wrt} is the derivative by ${claim.wrt}_i_j`;
      return { verdict: 'incorrect', ...transposeMistake(claim, words), counterexample: counterexample(claim, expected, compared) };
    }
    return { verdict: 'incorrect', ...entryByEntry(claim, expected), counterexample: counterexample(claim, expected, compared), ...diagnosis(claim, expected, compared) };
  }
  if (claim.shape && sameShape(claim.claimed.shape, transposedShape(claim.shape))) {
    const compared = compareEntries(claim, claim.claimed.entries, transpose(expected).entries);
    if (compared.verdict === 'equal') return { verdict: 'incorrect', ...transposeMistake(claim, shapes) };
    return { verdict: 'incorrect', ...entryByEntry(claim, expected), diagnosis: `wrong shape: your answer is ${shapes}; even transposed it is not the derivative`, diagnosisKind: 'shape' };
  }
  return { verdict: 'incorrect', ...entryByEntry(claim, expected), diagnosis: `wrong shape: your answer is ${shapes}`, diagnosisKind: 'shape' };
}

/**
 * A claimed ∂L/∂W whose right side has no shape (a product of a 4×3 by a 4×1): it cannot be the derivative, so it is
 * incorrect by its shapes, and the right answer is given entry by entry.
 */
export function judgeShapeless(claim: Omit<TensorClaim, 'claimed' | 'transposed'>, why: string): TensorJudgement {
  const byVariable = differentiateAll(claim.algebra, claim.fn, claim.variables);
  const expected: Value = { ...(claim.shape ? { shape: claim.shape } : {}), entries: claim.variables.map((name) => byVariable.get(name)!) };
  return { verdict: 'incorrect', ...entryByEntry(claim, expected), diagnosis: `wrong shapes: ${why}, so your answer is no matrix at all; ∂${claim.of}/∂${claim.wrt} is ${shapeWords(claim.shape)}, shaped like ${claim.wrt}`, diagnosisKind: 'shape' };
}

/** The diagnosis of a transpose missing, with the right answer written as the claim transposed. */
function transposeMistake(claim: TensorClaim, words: string) {
  const expected = claim.transposed();
  return {
    expected,
    diagnosis: `a transpose missing: your answer is the transpose of the right one (${words}); write ${pretty(expected)}`,
    diagnosisKind: 'transpose' as const,
  };
}

/** ∂L/∂v for every variable at once. */
function differentiateAll(algebra: Simplifier, fn: NodeId, variables: readonly string[]): ReadonlyMap<string, NodeId> {
  return differentiate(algebra.graph, fn, variables, algebra).byVariable;
}

function compareEntries(claim: TensorClaim, claimed: readonly NodeId[], expected: readonly NodeId[]): EntryComparison {
  const notes = new Set<string>();
  let undecided: EntryComparison | undefined;
  for (let k = 0; k < expected.length; k++) {
    const c = claim.constraint?.apply ?? ((node: NodeId) => node);
    const comparison = compareExpressions(claim.algebra, c(claimed[k]!), c(expected[k]!), { seed: claim.seed, domain: [c(claim.fn), c(expected[k]!)], sides: ['the right side', 'the left side'] });
    if (comparison.verdict === 'different') return { verdict: 'different', index: k, comparison, notes: [...notes] };
    if (comparison.verdict === 'unknown') undecided ??= { verdict: 'unknown', index: k, comparison, notes: [] };
    else if (comparison.reason) notes.add(comparison.reason);
  }
  return undecided ?? { verdict: 'equal', notes: [...notes] };
}

/** The right answer entry by entry (`∂L/∂W_1_1 = …; …`), and as a LaTeX matrix. */
function entryByEntry(claim: Pick<TensorClaim, 'algebra' | 'of' | 'variables' | 'names'>, expected: Value): { expected: string; expectedLatex: string } {
  const graph = claim.algebra.graph;
  const simplified = expected.entries.map((node) => claim.algebra.simplify(node));
  const text = simplified.map((node, k) => `∂${claim.of}/∂${claim.variables[k]} = ${printAnswer(graph, node, claim.names).text}`).join('; ');
  const shape = expected.shape ?? { rows: 1, cols: 1 };
  const rows = Array.from({ length: shape.rows }, (_, i) =>
    Array.from({ length: shape.cols }, (_, j) => printLatex(graph, simplified[i * shape.cols + j]!, { names: claim.names })).join(' & '),
  );
  return { expected: text, expectedLatex: `\\begin{pmatrix} ${rows.join(' \\\\ ')} \\end{pmatrix}` };
}

/** Where a differing entry differs, at simple values when it differs there too. */
function counterexample(claim: TensorClaim, expected: Value, compared: EntryComparison) {
  const k = compared.index!;
  const c = claim.constraint?.apply ?? ((node: NodeId) => node);
  const written = c(claim.claimed.entries[k]!);
  const algebra = claim.algebra;
  const found = niceCounterexample(algebra.graph, written, algebra.simplify(written), algebra.simplify(c(expected.entries[k]!)), compared.comparison!.counterexample!);
  return { ...found, point: claim.constraint?.implied(found.point) ?? found.point, entry: claim.variables[k]! };
}

/** The mistake every differing entry shows, if they all show the same kind. */
function diagnosis(claim: TensorClaim, expected: Value, compared: EntryComparison): { diagnosis?: string; diagnosisKind?: MistakeKind } {
  const graph: Graph = claim.algebra.graph;
  const found: { kind: MistakeKind; message: string }[] = [];
  for (let k = compared.index!; k < expected.entries.length; k++) {
    const [written, right] = [claim.claimed.entries[k]!, expected.entries[k]!];
    const points = sampleDomain(graph, variablesOf(graph, [claim.fn, written, right]), [written, right], 4, 11).points;
    const equal = compareExpressions(claim.algebra, written, right, { seed: claim.seed, domain: [claim.fn, right] }).verdict === 'equal';
    if (equal) continue;
    const named = diagnoseDerivative(claim.algebra, claim.fn, claim.variables[k]!, written, points);
    if (!named || (found.length > 0 && named.kind !== found[0]!.kind)) return {};
    found.push(named);
  }
  const first = found[0];
  return first ? { diagnosis: `${first.message} (in entry ${claim.variables[compared.index!]}${found.length > 1 ? ' and the others that differ' : ''})`, diagnosisKind: first.kind } : {};
}

function transposedShape(shape: TensorShape): TensorShape {
  return { rows: shape.cols, cols: shape.rows, ...(shape.colsName ? { rowsName: shape.colsName } : {}), ...(shape.rowsName ? { colsName: shape.rowsName } : {}) };
}

/** Text in the tensor syntax as a student reads it: xᵀ for x', − for -. */
function pretty(text: string): string {
  return text.replace(/'/g, 'ᵀ').replace(/ - /g, ' − ');
}
