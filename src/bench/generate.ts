/**
 * Random expression text for the benchmark, in the syntax chainrule and mathjs both read: + - * / ^, parentheses,
 * sin cos tanh exp log sqrt, variables x1…xN and small constants. The generator evaluates as it goes, so every
 * subexpression stays finite and in its domain at the benchmark's point: log and sqrt read 1 + u², denominators
 * are 1 + u², and a value that grows past a bound is squashed with tanh.
 */
import { seededRandom } from '../check/random.js';

/** A generated expression, the point it is evaluated at, and what the generator counted. */
export interface GeneratedExpression {
  readonly text: string;
  readonly variables: readonly string[];
  readonly point: Readonly<Record<string, number>>;
  /** Its value at the point, computed by the generator in float64 (a cross-check for the forward pass). */
  readonly value: number;
  /** Operations written (a tree count: hash-consing makes the graph slightly smaller). */
  readonly operations: number;
  /** Nesting depth of the written tree. */
  readonly depth: number;
}

/** What one subexpression is: its text, whether it needs parentheses as an operand, its value and depth. */
interface Piece {
  readonly text: string;
  readonly atomic: boolean;
  readonly value: number;
  readonly depth: number;
}

/** Values beyond this magnitude are squashed with tanh, so nothing overflows however deep the tree. */
const MAGNITUDE_BOUND = 8;
const CONSTANTS = ['0.5', '1.5', '2', '3', '0.25', '4', '1.2', '5'];

/** A random expression of about `operations` operations over `variableCount` variables, the same for the same seed. */
export function generateExpression(operations: number, seed: number, variableCount = 10): GeneratedExpression {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const variables = Array.from({ length: variableCount }, (_, i) => `x${i + 1}`);
  const point: Record<string, number> = {};
  for (const name of variables) point[name] = Math.round((random() * 3 - 1.5) * 100) / 100 || 0.5;
  let written = 0;

  const operand = (piece: Piece): string => (piece.atomic ? piece.text : `(${piece.text})`);
  const made = (text: string, value: number, depth: number, atomic = false): Piece => {
    written++;
    return { text, atomic, value, depth };
  };
  const onePlusSquare = (inner: Piece): Piece => {
    const square = made(`${operand(inner)}^2`, inner.value ** 2, inner.depth + 1);
    return made(`1 + ${square.text}`, 1 + square.value, square.depth + 1);
  };
  const bounded = (piece: Piece): Piece =>
    Math.abs(piece.value) <= MAGNITUDE_BOUND ? piece : made(`tanh(${piece.text})`, Math.tanh(piece.value), piece.depth + 1, true);

  const leaf = (): Piece => {
    if (random() < 0.8) {
      const name = pick(variables);
      return { text: name, atomic: true, value: point[name]!, depth: 1 };
    }
    const text = pick(CONSTANTS);
    return { text, atomic: true, value: Number(text), depth: 1 };
  };

  /** Splits a budget into two random parts (a random binary tree: depth O(log n) on average). */
  const split = (budget: number): [number, number] => {
    const left = Math.floor(random() * (budget + 1));
    return [left, budget - left];
  };

  const unary = (budget: number): Piece => {
    const name = pick(['sin', 'cos', 'tanh', 'exp', 'log', 'sqrt', 'neg']);
    if (name === 'log' || name === 'sqrt') {
      const inner = onePlusSquare(grow(Math.max(0, budget - 3)));
      const value = name === 'log' ? Math.log(inner.value) : Math.sqrt(inner.value);
      return made(`${name}(${inner.text})`, value, inner.depth + 1, true);
    }
    const inner = grow(budget - 1);
    if (name === 'neg') return made(`-${operand(inner)}`, -inner.value, inner.depth + 1);
    const value = { sin: Math.sin, cos: Math.cos, tanh: Math.tanh, exp: Math.exp }[name]!(inner.value);
    return made(`${name}(${inner.text})`, value, inner.depth + 1, true);
  };

  const binary = (budget: number): Piece => {
    const drawn = pick(['+', '-', '*', '*', '/']);
    if (drawn === '/' && budget >= 3) {
      const [top, bottom] = split(budget - 3);
      const numerator = grow(top);
      const denominator = onePlusSquare(grow(bottom));
      return made(`${operand(numerator)} / (${denominator.text})`, numerator.value / denominator.value, Math.max(numerator.depth, denominator.depth) + 1);
    }
    const symbol = drawn === '/' ? '+' : drawn; // too small a budget for a denominator 1 + u²
    const [leftBudget, rightBudget] = split(budget - 1);
    const left = grow(leftBudget);
    const right = grow(rightBudget);
    const value = symbol === '+' ? left.value + right.value : symbol === '-' ? left.value - right.value : left.value * right.value;
    const text = symbol === '*' ? `${operand(left)}*${operand(right)}` : `${operand(left)} ${symbol} ${operand(right)}`;
    return made(text, value, Math.max(left.depth, right.depth) + 1);
  };

  const power = (budget: number): Piece => {
    const base = grow(budget - 1);
    const exponent = pick([2, 3]);
    return made(`${operand(base)}^${exponent}`, base.value ** exponent, base.depth + 1);
  };

  function grow(budget: number): Piece {
    if (budget <= 0) return leaf();
    const choice = random();
    const piece = choice < 0.55 ? binary(budget) : choice < 0.9 ? unary(budget) : power(budget);
    return bounded(piece);
  }

  const root = grow(operations);
  return { text: root.text, variables, point, value: root.value, operations: written, depth: root.depth };
}
