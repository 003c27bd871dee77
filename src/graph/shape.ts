/** Shapes of node values: [] is a scalar, [n] a column vector, [m, n] a matrix. */
import { opNamed } from '../ops/index.js';

/** The dimensions of a value. */
export type Shape = readonly number[];

/** The shape of a scalar. */
export const SCALAR: Shape = Object.freeze([]);

/** Human-readable shape, e.g. `4×3` or `scalar`. */
export function shapeText(shape: Shape): string {
  return shape.length === 0 ? 'scalar' : shape.join('×');
}

/** The shape of `op` applied to inputs of the given shapes (its own rule, or elementwise). */
export function inferShape(op: string, inputs: readonly Shape[]): Shape {
  const definition = opNamed(op);
  if (definition.shape) return definition.shape(inputs);
  return elementwiseShape(op, inputs);
}

/** Elementwise ops keep their operands' common shape; a scalar operand stretches to any shape. */
export function elementwiseShape(op: string, inputs: readonly Shape[]): Shape {
  let result: Shape = SCALAR;
  for (const shape of inputs) {
    if (shape.length === 0) continue;
    if (result.length === 0) result = shape;
    else if (shapeText(result) !== shapeText(shape)) {
      throw new Error(`${op} needs operands of the same shape, got ${shapeText(result)} and ${shapeText(shape)}`);
    }
  }
  return result;
}
