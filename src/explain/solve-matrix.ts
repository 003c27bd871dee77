/**
 * Worked solutions of matrix problems: each layer's equation with its shape, every asked gradient in matrix form
 * (proven against the tensor engine's reverse mode, finite differences and, at small sizes, the scalar entries), the
 * answer key checked like a student's answer, and the numbers at the problem's point when it gives one.
 */
import type { Ask, Part, Problem } from '../check/problems.js';
import { answerClaim } from '../check/problems.js';
import { matrixProblemSession } from '../check/matrix-problems.js';
import { REFEREE_ENTRIES } from '../check/tensor-claims.js';
import { literal } from '../check/matrix-judge.js';
import type { ClaimResult } from '../check/results.js';
import { InputError } from '../errors.js';
import type { Value } from '../matrix/numeric.js';
import { texName } from '../symbolic/print.js';
import { code, heading, math, paragraph, strong, text, type Block, type Doc, type Inline } from './document.js';
import { answerRoom } from './solution-doc.js';

/** One ask answered. */
export interface MatrixAskSolution {
  readonly part: string;
  readonly ask: Ask;
  /** The gradient in matrix form (absent for a shape ask, or where there is no matrix form). */
  readonly text?: string;
  readonly latex?: string;
  readonly shape?: readonly [number, number];
  /** Its value at the problem's point, when it gives one. */
  readonly value?: Value;
  readonly notes: readonly string[];
  readonly key?: ClaimResult;
  readonly error?: string;
}

/** A matrix problem solved. */
export interface MatrixSolution {
  readonly kind: 'matrix';
  readonly problem: Problem;
  readonly inputs: readonly { readonly name: string; readonly shape: readonly [number, number] }[];
  readonly bindings: readonly { readonly name: string; readonly text: string; readonly latex: string; readonly shape: readonly [number, number]; readonly value?: Value }[];
  readonly parts: readonly { readonly part: Part; readonly asks: readonly MatrixAskSolution[] }[];
  /** Where the numbers are taken (the problem's `at` line, as written). */
  readonly point?: string;
  /** Every gradient answered and proven, and the point (if any) readable. */
  readonly verified: boolean;
  /** Whether the inputs are few enough for the proofs to include the entry-by-entry check on the scalar graph. */
  readonly refereed: boolean;
}

/** Solves a matrix problem. */
export function solveMatrixProblem(problem: Problem, sourceName?: string): MatrixSolution {
  const session = matrixProblemSession(problem, sourceName);
  const described = session.describe();
  const point = problem.matrix?.point;
  const at = point === undefined ? undefined : session.pointAt(point);
  const valueOf = (compute: () => Value) => {
    try {
      return at ? compute() : undefined;
    } catch (error) {
      if (error instanceof InputError) return undefined;
      throw error;
    }
  };
  const bindings = described.bindings.map((binding) => {
    const value = valueOf(() => at!.value(binding.name));
    return { ...binding, ...(value ? { value } : {}) };
  });
  const parts = problem.parts.map((part) => ({
    part,
    asks: part.asks.map((ask): MatrixAskSolution => {
      const { of, wrt, shape } = ask.matrix!;
      const source = { text: ask.raw, name: sourceName };
      if (ask.matrix!.value) {
        const value = valueOf(() => at!.value(of));
        return value ? { part: part.id, ask, value, shape: [value.rows, value.cols], notes: [] } : { part: part.id, ask, notes: [], error: 'the problem gives no point to compute it at' };
      }
      try {
        const answer = session.answer(of, wrt, source);
        const claim = answerClaim(ask.raw, ask);
        const key = claim ? session.read(claim, ask.line).claims[0] : undefined;
        const value = shape ? undefined : valueOf(() => at!.gradient(of, wrt));
        const form = shape ? {} : { ...(answer.text ? { text: answer.text, latex: answer.latex! } : {}) };
        return { part: part.id, ask, ...form, shape: answer.shape, notes: answer.notes, ...(value ? { value } : {}), ...(key ? { key } : {}) };
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        return { part: part.id, ask, notes: [], error: error.message };
      }
    }),
  }));
  const answered = parts.every(({ asks }) => asks.every((ask) => !ask.error && (ask.ask.matrix!.shape || ask.ask.matrix!.value || ask.text !== undefined)));
  const entries = described.inputs.reduce((sum, input) => sum + input.shape[0] * input.shape[1], 0);
  return { kind: 'matrix', problem, inputs: described.inputs, bindings, parts, ...(point !== undefined ? { point } : {}), verified: answered, refereed: entries <= REFEREE_ENTRIES };
}

/** The worked solution as a document (every format lays it out); with `handout`, the problem only. */
export function matrixSolutionDoc(solution: MatrixSolution, digits = 6, handout = false): Doc {
  const { problem } = solution;
  const points = problem.parts.reduce((sum, part) => sum + part.points, 0);
  const blocks: Block[] = [paragraph(text('Problem '), code(problem.id), text(` · ${points} ${points === 1 ? 'point' : 'points'}${problem.source ? ` · source: ${problem.source}` : ''}`))];
  blocks.push(heading(1, 'Given'));
  blocks.push(paragraph(text('Inputs: '), ...joined(solution.inputs.map((input) => math(`${texName(input.name)} \\in \\mathbb{R}^{${input.shape[0]} \\times ${input.shape[1]}}`, `${input.name}: (${input.shape.join(', ')})`)))));
  blocks.push({
    kind: 'table',
    header: [[text('name')], [text('definition')], [text('shape')]],
    rows: solution.bindings.map((binding) => [[math(texName(binding.name), binding.name)], [math(binding.latex, binding.text)], [text(`(${binding.shape.join(', ')})`)]]),
  });
  if (handout) {
    blocks.push(heading(1, 'Asked'), { kind: 'list', items: solution.parts.map(({ part, asks }) => [strong(`Part ${part.id}`), text(` (${part.points} ${part.points === 1 ? 'point' : 'points'}): `), ...asks.flatMap((ask, i) => [...(i > 0 ? [text('; ')] : []), askedMath(ask)])]) });
    if (solution.point !== undefined) blocks.push(paragraph(text('At '), code(solution.point), text('.')));
    return { title: problem.title ?? problem.id, blocks: [...blocks, ...answerRoom(problem.parts)] };
  }
  blocks.push(heading(1, 'Gradients in matrix form'));
  blocks.push(paragraph(text('Denominator layout, as the lectures write it: a gradient of the scalar loss by a matrix is shaped like the matrix.')));
  for (const { part, asks } of solution.parts) {
    blocks.push(heading(2, `Part ${part.id} (${part.points} ${part.points === 1 ? 'point' : 'points'})`));
    for (const ask of asks) blocks.push(...askBlocks(ask, digits));
  }
  if (solution.point !== undefined) {
    blocks.push(heading(1, 'The numbers'));
    blocks.push(paragraph(text('At '), code(solution.point), text(':')));
    blocks.push({ kind: 'math', lines: solution.bindings.filter((binding) => binding.value).map((binding) => ({ tex: `${texName(binding.name)} &= ${matrixTex(binding.value!, digits)}`, text: `${binding.name} = ${literal(binding.value!)}` })) });
  }
  blocks.push(heading(1, 'Verification'));
  const referee = solution.refereed ? ', and, at these small sizes, entry by entry against the derivatives of the scalar entries' : '';
  blocks.push(paragraph(text(solution.verified ? `✓ Every gradient above was checked at 3 random inputs of the declared sizes: its matrix form against reverse mode through the operations\u2019 own VJPs and finite differences along a random direction${referee}.` : '✗ Some asks could not be answered in matrix form: see above.')));
  return { title: problem.title ?? problem.id, blocks };
}

/** The solution as JSON. */
export function matrixSolutionJson(solution: MatrixSolution): object {
  const values = (value: Value | undefined) => (value ? Array.from({ length: value.rows }, (_, i) => [...value.data.slice(i * value.cols, (i + 1) * value.cols)]) : undefined);
  return {
    id: solution.problem.id,
    title: solution.problem.title ?? null,
    ...(solution.problem.source ? { source: solution.problem.source } : {}),
    kind: 'matrix',
    inputs: solution.inputs,
    bindings: solution.bindings.map((binding) => ({ name: binding.name, text: binding.text, latex: binding.latex, shape: binding.shape, ...(binding.value ? { value: values(binding.value) } : {}) })),
    parts: solution.parts.map(({ part, asks }) => ({
      id: part.id,
      points: part.points,
      asks: asks.map((ask) => ({
        ask: ask.ask.text,
        ...(ask.text !== undefined ? { answer: ask.text, latex: ask.latex } : {}),
        ...(ask.shape ? { shape: ask.shape } : {}),
        ...(ask.value ? { value: values(ask.value) } : {}),
        ...(ask.key ? { key: { verdict: ask.key.verdict, ...(ask.key.expected ? { expected: ask.key.expected } : {}) } } : {}),
        ...(ask.error ? { error: ask.error } : {}),
        ...(ask.notes.length > 0 ? { notes: ask.notes } : {}),
      })),
    })),
    ...(solution.point !== undefined ? { point: solution.point } : {}),
    verified: solution.verified,
  };
}

function askBlocks(ask: MatrixAskSolution, digits: number): Block[] {
  const { of, wrt, shape } = ask.ask.matrix!;
  if (ask.ask.matrix!.value) {
    if (ask.error) return [paragraph(code(ask.ask.text), text(`: not answered: ${ask.error}`))];
    return [{ kind: 'math', lines: [{ tex: `${texName(of)} = ${matrixTex(ask.value!, digits)}`, text: `${of} = ${literal(ask.value!)}` }] }];
  }
  const head = { tex: `\\frac{\\partial ${texName(of)}}{\\partial ${texName(wrt)}}`, text: `∂${of}/∂${wrt}` };
  if (ask.error) return [paragraph(code(ask.ask.text), text(`: not answered: ${ask.error}`))];
  const size = `(${ask.shape!.join(', ')})`;
  const blocks: Block[] = [];
  if (shape) blocks.push(paragraph(text('The shape of '), math(head.tex, head.text), text(` is ${size}: shaped like `), math(texName(wrt), wrt), text('.')));
  else if (ask.text === undefined) blocks.push(paragraph(math(head.tex, head.text), text(' has no matrix form here (it goes through an operation without one); '), code(`chainrule diff --entries`), text(' gives it entry by entry.')));
  else {
    blocks.push({ kind: 'math', lines: [{ tex: `${head.tex} = ${ask.latex}`, text: `${head.text} = ${ask.text}` }] });
    blocks.push(paragraph(text(`Shape ${size}, shaped like `), math(texName(wrt), wrt), text('.')));
    if (ask.value) blocks.push({ kind: 'math', lines: [{ tex: `${head.tex} = ${matrixTex(ask.value, digits)}`, text: `${head.text} = ${literal(ask.value)}` }] });
  }
  if (ask.key) blocks.push(paragraph(strong('Answer key:'), text(' ' + (ask.key.verdict === 'correct' ? 'correct.' : `${ask.key.verdict}${ask.key.expected ? `; it should be ${ask.key.expected}` : ''}.`))));
  for (const note of ask.notes) blocks.push(paragraph(text(`Note: ${note}.`)));
  return blocks;
}

/** What a matrix ask asks, typeset (∂L/∂W1, the shape of ∂L/∂W1, W_new). */
function askedMath(ask: MatrixAskSolution): Inline {
  const { of, wrt, shape, value } = ask.ask.matrix!;
  if (value) return math(texName(of), of);
  const derivative = math(`\\frac{\\partial ${texName(of)}}{\\partial ${texName(wrt)}}`, `∂${of}/∂${wrt}`);
  return shape ? math(`\\text{shape of } \\frac{\\partial ${texName(of)}}{\\partial ${texName(wrt)}}`, `shape of ∂${of}/∂${wrt}`) : derivative;
}

/** A matrix as LaTeX (pmatrix), a number as itself. */
function matrixTex(value: Value, digits: number): string {
  const format = (entry: number) => String(Number(entry.toPrecision(digits)));
  if (value.rows * value.cols === 1) return format(value.data[0]!);
  const rows = Array.from({ length: value.rows }, (_, i) => [...value.data.slice(i * value.cols, (i + 1) * value.cols)].map(format).join(' & '));
  return `\\begin{pmatrix} ${rows.join(' \\\\ ')} \\end{pmatrix}`;
}

function joined(items: readonly Inline[]): Inline[] {
  return items.flatMap((item, i) => (i === 0 ? [item] : [text(', '), item]));
}
