/**
 * Step-by-step derivations (src/explain/steps.ts) laid out as lines, each in text and LaTeX, indented by depth; the
 * document blocks of worked solutions and the renderers' text and LaTeX are all made from these lines.
 */
import type { Block } from './document.js';
import { math, paragraph, text } from './document.js';
import type { Derivation, DerivationStep, Printed, StepPart } from './steps.js';
import { texName } from '../symbolic/print.js';
import { partialLabel } from './format.js';

/** A piece of a line: words (set upright in LaTeX) or math with its text and LaTeX. */
type Piece = { readonly words: string } | { readonly text: string; readonly tex: string };

const EQUALS: Piece = { text: ' = ', tex: ' = ' };
const STARTS_EQUAL: Piece = { text: '= ', tex: '= ' };

/** One line of a derivation, indented by depth. */
export interface StepLine {
  readonly depth: number;
  readonly text: string;
  readonly tex: string;
}

/** The derivations as document blocks: a display-math block of lines per variable, notes as paragraphs. */
export function stepsBlocks(derivations: readonly Derivation[]): Block[] {
  return derivations.flatMap((derivation): Block[] => {
    const label = partialLabel(derivation.output, derivation.variable);
    const labelTex = `\\frac{\\partial ${texName(derivation.output)}}{\\partial ${texName(derivation.variable)}}`;
    const lines = derivationLines(derivation).map((line) => ({ tex: `&${'\\qquad '.repeat(line.depth)}${line.tex}`, text: `${'  '.repeat(line.depth)}${line.text}` }));
    return [
      paragraph(math(labelTex, label), text(' step by step:')),
      { kind: 'math', lines },
      ...stepNotes(derivation).map((note) => paragraph(text(note))),
    ];
  });
}

/** The lines of one derivation (depth 0 is the rule at the output). */
export function derivationLines(derivation: Derivation): StepLine[] {
  const pieces = stepPieces(derivation.root, undefined, 0, derivation);
  const { root, result } = derivation;
  if (!result.abbreviated && result.text !== root.result.text) pieces.push({ depth: 0, pieces: [STARTS_EQUAL, shown(result)] });
  return pieces.map(({ depth, pieces: line }) => ({ depth, text: line.map(textOf).join(''), tex: mergeWords(line).map(texOf).join('') }));
}

/** What is said after the lines: steps left out, and how the result compares with the differentiator's. */
export function stepNotes(derivation: Derivation): string[] {
  const label = partialLabel(derivation.output, derivation.variable);
  const said: string[] = [];
  if (derivation.elided > 0) said.push(`… ${derivation.elided} more step${derivation.elided === 1 ? '' : 's'} not shown (a derivation writes out at most ${derivation.maxSteps} steps, nested at most ${derivation.maxDepth} deep)`);
  if (derivation.agreement === 'numerically equal') said.push(`the steps give ${label} in another form; it equals the differentiator's at ${derivation.comparedAt} sampled points`);
  if (derivation.agreement === 'differs') said.push(`✗ the steps do NOT give the differentiator's ${label}: this is a bug in chainrule; please report it`);
  if (derivation.agreement === 'unchecked') said.push(`? the steps give ${label} in another form, and no point of the domain could be sampled to compare it with the differentiator's`);
  return said;
}

interface PieceLine {
  readonly depth: number;
  readonly pieces: Piece[];
}

function stepPieces(step: DerivationStep, part: StepPart | undefined, depth: number, derivation: Derivation): PieceLine[] {
  const d = derivation.operator;
  const of = (printed: Printed): Piece[] => [{ text: `${d.text} `, tex: d.latex }, differentiated(printed)];
  const prime = part ? [{ text: `${part.symbol}'`, tex: `${texName(part.symbol)}'` }] : [];
  const named = part?.naming === 'binding' ? [EQUALS, ...of(step.expression)] : [];
  if (part && step.rule === 'variable') return [{ depth, pieces: [...prime, EQUALS, shown(step.result)] }];
  const leaf = step.parts.every((inner) => inner.derivative.rule === 'variable');
  if (leaf) {
    const left = part ? [...prime, ...named] : of(step.expression);
    return [{ depth, pieces: [...left, EQUALS, shown(step.result), ruleNote(step.title)] }];
  }
  const lets = step.parts.filter((inner) => inner.naming === 'let').map((inner) => definition(inner.symbol, inner.expression));
  const constants = step.constants.map((constant) => definition(constant.symbol, constant.value));
  const header: Piece[] = [...prime, ...named, ...(part ? [{ words: ': ' }] : []), { words: step.title }];
  if (step.chain && lets.length > 0) header.push({ words: ', let ' }, ...joined(lets));
  header.push({ words: ': ' }, { text: step.formula!.text, tex: step.formula!.latex });
  const withs = step.chain ? constants : [...lets, ...constants];
  if (withs.length > 0) header.push({ words: ' with ' }, ...joined(withs));
  const lines: PieceLine[] = [{ depth, pieces: header }];
  for (const inner of step.parts) if (inner.naming !== 'variable') lines.push(...stepPieces(inner.derivative, inner, depth + 1, derivation)); // f(x, u): no x' = 1 line
  lines.push(part ? { depth: depth + 1, pieces: [{ words: 'so ' }, ...prime, EQUALS, shown(step.result)] } : { depth, pieces: [STARTS_EQUAL, shown(step.result)] });
  return lines;
}

/** `u = x^2` as one piece of math. */
function definition(symbol: string, value: Printed): Piece {
  return { text: `${symbol} = ${value.text}`, tex: `${texName(symbol)} = ${value.latex}` };
}

/** Pieces separated by commas. */
function joined(pieces: readonly Piece[]): Piece[] {
  return pieces.flatMap((piece, i) => (i === 0 ? [piece] : [{ words: ', ' }, piece]));
}

/** An expression after d/dx: in parentheses unless it is a name, a call or a power. */
function differentiated(printed: Printed): Piece {
  if (!hasTopLevelOperator(printed.text)) return { text: printed.text, tex: printed.latex };
  return { text: `(${printed.text})`, tex: `\\left(${printed.latex}\\right)` };
}

/** `  (power rule)` after a one-line step. */
function ruleNote(title: string): Piece {
  return { text: `  (${title})`, tex: `\\quad \\text{(${escapeText(title)})}` };
}

/** Adjacent words joined, so that LaTeX gets one \text{} for them. */
function mergeWords(pieces: readonly Piece[]): Piece[] {
  const merged: Piece[] = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if (last && 'words' in last && 'words' in piece) merged[merged.length - 1] = { words: last.words + piece.words };
    else merged.push(piece);
  }
  return merged;
}

function shown(printed: Printed): Piece {
  return { text: printed.text, tex: printed.latex };
}

/** Whether text has +, −, * or / (or a space) outside parentheses. */
function hasTopLevelOperator(written: string): boolean {
  let depth = 0;
  for (const char of written) {
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (depth === 0 && ' +-*/'.includes(char)) return true;
  }
  return false;
}

function textOf(piece: Piece): string {
  return 'words' in piece ? piece.words : piece.text;
}

function texOf(piece: Piece): string {
  return 'words' in piece ? `\\text{${escapeText(piece.words)}}` : piece.tex;
}

/** Words made safe inside \text{}. */
function escapeText(words: string): string {
  return words.replace(/[\\{}$&#^_%~]/g, (char) => (char === '\\' ? '\\textbackslash{}' : char === '^' ? '\\^{}' : char === '~' ? '\\~{}' : `\\${char}`));
}
