/** How numbers and names are written in explanations and reports (the renderers use the same). */
import type { Program } from '../graph/program.js';

/** A value for people: up to 12 significant digits, integers plain, no "-0". */
export function formatValue(value: number): string {
  if (Object.is(value, -0)) return '0';
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(12)));
}

/** Two values that differ, with enough digits to show the difference (up to 17 significant digits). */
export function formatPair(a: number, b: number): [string, string] {
  for (const digits of [12, 17]) {
    const pair: [string, string] = [a, b].map((value) => (Number.isFinite(value) && !Object.is(value, -0) ? String(Number(value.toPrecision(digits))) : formatValue(value))) as [string, string];
    if (pair[0] !== pair[1] || a === b || digits === 17) return pair;
  }
  return [formatValue(a), formatValue(b)];
}

/** A relative error in short scientific form. */
export function formatError(value: number): string {
  return value === 0 ? '0' : value.toExponential(1);
}

/** The name the output is called by: its binding's name, or f (g, h, … if f is a variable, an earlier binding or a function). */
export function outputLabel(program: Program): string {
  if (program.outputName) return program.outputName;
  const taken = (name: string) => program.variables.includes(name) || program.bindings.some((binding) => binding.name === name) || (program.functions ?? []).includes(name);
  return ['f', 'g', 'h', 'F', 'L'].find((name) => !taken(name)) ?? 'output';
}

/** ∂f/∂x in text. */
export function partialLabel(output: string, variable: string): string {
  return `∂${output}/∂${variable}`;
}

/** A value rounded to a number of significant digits for tables and traces (no "-0", no exponent below 1e21). */
export function formatDigits(value: number, digits: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toPrecision(digits));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** A value's LaTeX: −1.5 with a real minus, 2.78e-11 as 2.78 \times 10^{-11}. */
export function valueLatex(text: string): string {
  const match = /^(-?[0-9.]+)e([+-]?)([0-9]+)$/.exec(text);
  if (match) return `${match[1]} \\times 10^{${match[2] === '-' ? '-' : ''}${match[3]}}`;
  return text;
}
