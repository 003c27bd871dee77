/** A problem's worked solution as a document: statement, derivatives with steps, forward and backward tables, answers, verification. */
import type { CrossCheck } from '../check/crosscheck.js';
import type { ClaimResult } from '../check/results.js';
import type { Ask } from '../check/problems.js';
import { formatDigits, valueLatex } from './format.js';
import { printLatex, printText, texName } from '../symbolic/print.js';
import { code, heading, math, paragraph, strong, text, type Block, type Doc, type Inline } from './document.js';
import { stepsForSolution } from './solution-steps.js';
import type { AskSolution, ProblemSolution } from './solve.js';
import { traceBlocks } from './trace-doc.js';
import type { Trace } from './trace.js';

/** A picture of a trace, drawn by the caller (drawing is asynchronous and optional). */
export interface Picture {
  readonly dot: string;
  readonly svg?: string;
  readonly file?: string;
}

/** Options of a worked solution. */
export interface SolutionOptions {
  /** The picture of the problem's trace, when one was drawn. */
  readonly picture?: Picture;
  /** Blocks showing how a derivative ask was derived step by step (default: the differentiator's record, as `diff --steps`). */
  readonly steps?: (solution: ProblemSolution, ask: AskSolution) => Block[];
  /** Significant digits of the numbers (default 6). */
  readonly digits?: number;
  /** A handout for students: the problem only (what is given and what is asked, with room to answer), no solution. */
  readonly handout?: boolean;
}

/** Who printed the numbers a problem quotes. */
const SOURCE = 'the slide';

/** The worked solution of one problem. */
export function solutionDoc(solution: ProblemSolution, options: SolutionOptions = {}): Doc {
  const digits = options.digits ?? 6;
  const number = (value: number) => formatDigits(value, digits);
  const { problem, program } = solution;
  const points = problem.parts.reduce((sum, part) => sum + part.points, 0);
  const blocks: Block[] = [paragraph(text('Problem '), code(problem.id), text(` · ${points} ${points === 1 ? 'point' : 'points'}${problem.source ? ` · source: ${problem.source}` : ''}`))];

  blocks.push(heading(1, 'Given'));
  const names = new Map(program.bindings.map((binding) => [binding.node, binding.name]));
  blocks.push({
    kind: 'math',
    lines: program.bindings.map((binding) => ({
      tex: `${texName(binding.name)} &= ${printLatex(program.graph, binding.node, { mode: 'faithful', names })}`,
      text: `${binding.name} = ${printText(program.graph, binding.node, { mode: 'faithful', names })}`,
    })),
  });
  blocks.push(heading(1, 'Asked'));
  blocks.push({
    kind: 'list',
    items: solution.parts.map(({ part, asks }) => [strong(`Part ${part.id}`), text(` (${part.points} ${part.points === 1 ? 'point' : 'points'}): `), ...joined(asks.map((ask) => askedMath(ask, number)))]),
  });

  if (options.handout) return { title: `${problem.title ?? problem.id}`, blocks: [...blocks, ...answerRoom(problem.parts)] };

  const symbolic = solution.parts.flatMap((part) => part.asks).filter((ask) => ask.answer?.kind === 'derivative' && !ask.answer.point);
  if (symbolic.length > 0) {
    blocks.push(heading(1, 'Derivatives'));
    for (const ask of symbolic) {
      blocks.push(heading(2, ask.ask.text));
      blocks.push(...(options.steps ?? stepsForSolution)(solution, ask));
      const head = headOf(ask);
      blocks.push(head.tex ? { kind: 'math', lines: [{ tex: `${head.tex} = ${ask.answer!.latex}`, text: `${head.text} = ${ask.answer!.text}` }] } : paragraph(code(head.text), text(' = '), math(ask.answer!.latex, ask.answer!.text)));
      blocks.push(paragraph(text(checksLine(ask.answer!.checks, number))));
    }
  }

  if (solution.trace) {
    blocks.push(heading(1, 'Forward and backward pass'));
    blocks.push(...traceBlocks(solution.trace, { digits, level: 2 }));
    if (options.picture) blocks.push({ kind: 'figure', ...options.picture, caption: pictureCaption(solution.trace) });
  } else if (solution.traceSkipped) {
    blocks.push(heading(1, 'Forward and backward pass'), paragraph(text(`Not traced: ${solution.traceSkipped}.`)));
  }

  blocks.push(heading(1, 'Answers'));
  for (const { part, asks } of solution.parts) {
    blocks.push(heading(2, `Part ${part.id} (${part.points} ${part.points === 1 ? 'point' : 'points'})`));
    blocks.push({ kind: 'list', items: asks.map((ask) => answerLine(ask, number)) });
  }

  blocks.push(heading(1, 'Verification'));
  blocks.push(paragraph(text(verificationLine(solution))));
  return { title: `${problem.title ?? problem.id}`, blocks };
}

/** One ask, answered: the head, the answer (and its value), how it was proven, the answer key and the source's number. */
function answerLine(ask: AskSolution, number: (value: number) => string): Inline[] {
  const answer = ask.answer;
  if (!answer) return [code(ask.ask.text), text(`: could not be answered: ${ask.error}`)];
  const head = headOf(ask);
  const at = answer.point ? Object.entries(answer.point) : [];
  const pieces: Inline[] = [head.tex ? math(head.tex, head.text) : code(head.text)];
  if (at.length > 0) pieces.push(text(' at '), ...joined(at.map(([name, value]) => math(`${texName(name)} = ${valueLatex(number(value))}`, `${name} = ${number(value)}`)), ', '));
  if (answer.value !== undefined) {
    const shown = number(answer.value);
    const symbolic = answer.text.length <= 60 && answer.text !== shown && !/^-?[0-9.]+(e-?[0-9]+)?$/.test(answer.text) ? answer : undefined;
    pieces.push(text(' is '), math(`${symbolic ? `${symbolic.latex} = ` : ''}${valueLatex(shown)}`, `${symbolic ? `${symbolic.text} = ` : ''}${shown}`));
  } else {
    pieces.push(text(' = '), math(answer.latex, answer.text));
  }
  if (answer.checks.length > 0) pieces.push(text(`. ${checksLine(answer.checks, number)}`));
  if (ask.key) pieces.push(text(`. ${keyLine(ask.key, 'The answer key')}`));
  if (ask.printed) pieces.push(text(`. ${printedLine(ask.ask, ask.printed, answer.value, number)}`));
  for (const note of answer.notes) pieces.push(text(`. Note: ${note}`));
  return pieces;
}

/** What the answer key's answer was judged. */
function keyLine(key: ClaimResult, who: string): string {
  const trivial = key.reason && /^(\S+) rounds to \1$/.test(key.reason); // "0.25 rounds to 0.25" says nothing
  if (key.verdict === 'correct') return `${who} agrees${key.reason && !trivial ? ` (${key.reason})` : ''}`;
  const should = key.expected !== undefined ? `; it should be ${key.expected}` : '';
  return `${who} is ${key.verdict}${should}${key.reason ? ` (${key.reason})` : ''}`;
}

/** The number a source printed, against the exact value: explained by rounding, or not. */
function printedLine(ask: Ask, printed: ClaimResult, exact: number | undefined, number: (value: number) => string): string {
  const value = exact === undefined ? '' : `; the exact value is ${number(exact)}`;
  if (printed.verdict === 'correct') {
    const rounding = printed.reason?.match(/^rounding explains it: (.*?)(?: \(the exact value is [^)]*\))?$/);
    if (rounding) return `${capitalise(SOURCE)} prints ${ask.printed}, which comes from rounding intermediate results (${rounding[1]})${value}`;
    return `${capitalise(SOURCE)} prints ${ask.printed}, which agrees${printed.reason ? ` (${printed.reason})` : ''}`;
  }
  const said = printed.reason?.includes('exact value') ? '' : value; // the reason may give the exact value itself
  return `${capitalise(SOURCE)} prints ${ask.printed}${said}${printed.reason ? `: ${printed.reason}` : ': rounding does not explain the difference'}`;
}

/** The cross-check of a derivative, in one sentence. */
function checksLine(checks: readonly CrossCheck[], number: (value: number) => string): string {
  if (checks.length === 0) return '? Not cross-checked: no point of the domain could be evaluated';
  const failed = checks.filter((check) => !check.agree);
  const where = checks.length === 1 ? `at ${pointText(checks[0]!.point, number)}` : `at ${checks.length} points of the domain`;
  if (failed.length === 0) {
    // at a kink finite differences cannot be used: say so rather than claim a third method agreed
    const skipped = checks.flatMap((check) => check.partials).find((partial) => partial.skipped)?.skipped;
    // a check at points is evidence, not a proof: say what was checked, and where
    if (skipped) return `✓ Checked ${where}: symbolic and reverse mode agree (finite differences could not be used${checks.length === 1 ? '' : ' at every point'}: ${skipped})`;
    return `✓ Checked ${where}: symbolic, reverse mode and finite differences agree`;
  }
  const undefinedHere = failed[0]!.partials.find((partial) => partial.undefinedHere)?.undefinedHere;
  if (undefinedHere) return `✗ Not checked at ${pointText(failed[0]!.point, number)}: ${undefinedHere}`;
  return `✗ The cross-check FAILED at ${pointText(failed[0]!.point, number)}: the three methods disagree; do not trust this derivative`;
}

function verificationLine(solution: ProblemSolution): string {
  const asks = solution.parts.flatMap((part) => part.asks);
  const derivatives = asks.filter((ask) => ask.answer?.kind === 'derivative').length;
  const unanswered = asks.filter((ask) => !ask.answer).length;
  if (!solution.verified) {
    const why = unanswered > 0 ? `${unanswered} ask(s) could not be answered` : 'a cross-check failed (see above)';
    return `✗ This solution is NOT verified: ${why}.`;
  }
  const traced = solution.trace ? ' The trace’s gradient agrees three ways as well.' : '';
  if (derivatives === 0) return `✓ Verified: every ask was answered (none asks for a derivative).${traced}`;
  const which = derivatives === 1 ? 'the derivative asked for was' : `every one of the ${derivatives} derivatives asked for was`;
  const kink = asks.some((ask) => ask.answer?.checks.some((check) => check.partials.some((partial) => partial.skipped)));
  const methods = kink ? 'reverse mode, and by finite differences wherever they could be used' : 'reverse mode and finite differences';
  return `✓ Verified: ${which} computed symbolically and confirmed by ${methods}.${traced}`;
}

function pictureCaption(trace: Trace): string {
  return `The computational graph of ${trace.output}: forward values and gradients on every wire`;
}

/** What an ask's head says, as inline content: ∂f/∂x, d/dx (…) in LaTeX, a name, or the expression as written. */
function headOf(ask: AskSolution): { tex?: string; text: string } {
  const head = ask.ask.head;
  const text = ask.ask.text.replace(/\s+at\s.*$/, '');
  if (head.kind === 'derivative') {
    const variable = head.variable ?? (head.argument?.kind === 'name' ? head.argument.name : 'x');
    if (head.of.kind === 'name') return { tex: `\\frac{\\partial ${texName(head.of.name)}}{\\partial ${texName(variable)}}`, text };
    if (ask.answer?.subjectLatex) return { tex: `\\frac{d}{d${texName(variable)}}\\left(${ask.answer.subjectLatex}\\right)`, text };
    return { text };
  }
  return head.expr.kind === 'name' ? { tex: texName(head.expr.name), text } : { text };
}

/** Room to answer each part, for a handout. */
export function answerRoom(parts: readonly { readonly id: string; readonly points: number }[]): Block[] {
  return [heading(1, 'Your answers'), ...parts.flatMap((part) => [heading(2, `Part ${part.id} (${part.points} ${part.points === 1 ? 'point' : 'points'})`), paragraph(text(' '))])];
}

/** What an ask asks, typeset: ∂f/∂x, with its point (f at x = 3); as written where it has no formula of its own. */
function askedMath(ask: AskSolution, number: (value: number) => string): Inline {
  const head = headOf(ask);
  if (head.tex === undefined) return code(ask.ask.text);
  const point = ask.answer?.point;
  if (!point || !/\sat\s/.test(ask.ask.text)) return math(head.tex, head.text);
  const entries = Object.entries(point);
  return math(`${head.tex} \\text{ at } ${entries.map(([name, value]) => `${texName(name)} = ${number(value)}`).join(',\\ ')}`, `${head.text} at ${pointText(point, number)}`);
}

function pointText(point: Readonly<Record<string, number>>, number: (value: number) => string): string {
  return Object.entries(point).map(([name, value]) => `${name} = ${number(value)}`).join(', ');
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

/** Inline pieces with a separator between them. */
function joined(pieces: readonly Inline[], separator = '; '): Inline[] {
  return pieces.flatMap((piece, i) => (i === 0 ? [piece] : [text(separator), piece]));
}
