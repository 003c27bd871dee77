/** chainrule's library: every function returns plain data; rendering is a separate step. */
export { parse, buildProgram, type Program } from './graph/build.js';
export { Graph, type Node, type NodeId } from './graph/graph.js';
export { shapeText, type Shape } from './graph/shape.js';
export { InputError, formatError, type ErrorKind } from './errors.js';
export { OPS, opNamed, functionNamed, functionNames } from './ops/index.js';
export type { OpDef, Algebra } from './ops/types.js';
export { Simplifier } from './symbolic/simplify.js';
export { differentiate, type Derivatives, type RuleStep } from './symbolic/differentiate.js';
export { printText, printLatex, type PrintOptions } from './symbolic/print.js';
export { evaluate, type Evaluation } from './numeric/evaluate.js';
export { Tape, formatNumber, type Point } from './numeric/tape.js';
export { backward } from './numeric/reverse.js';
export { finiteDifference, richardson } from './numeric/finite.js';
export { crossCheck, DEFAULT_TOLERANCES, type CrossCheck, type PartialCheck, type Tolerances } from './check/crosscheck.js';
export { relativeError } from './check/compare.js';
