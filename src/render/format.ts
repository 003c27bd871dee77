/** Small formatting helpers shared by the renderers. */
import type { Program } from '../graph/build.js';

/** A value for people: up to 12 significant digits, integers plain, no "-0". */
export function formatValue(value: number): string {
  if (Object.is(value, -0)) return '0';
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(12)));
}

/** A relative error in short scientific form. */
export function formatError(value: number): string {
  return value === 0 ? '0' : value.toExponential(1);
}

/** The name the output is called by: its binding's name, or f (g, h, … if f is a variable). */
export function outputLabel(program: Program): string {
  if (program.outputName) return program.outputName;
  return ['f', 'g', 'h', 'F', 'L'].find((name) => !program.variables.includes(name)) ?? 'output';
}

/** ∂f/∂x in text. */
export function partialLabel(output: string, variable: string): string {
  return `∂${output}/∂${variable}`;
}
