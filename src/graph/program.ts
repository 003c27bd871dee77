/** A program: the graph the front end built from a text, with its output, bindings and variables; what every engine reads. */
import type { NotationWarning } from '../syntax/reading.js';
import type { Span } from '../syntax/tree.js';
import type { Graph, NodeId } from './graph.js';
import type { MatrixProgram } from '../matrix/graph.js';

/** A parsed program: its graph, its output node, the bindings that named nodes, and its free variables. */
export interface Program {
  readonly graph: Graph;
  readonly source: string;
  /** What the source is called in messages (a file name), when it is not the command line's expression. */
  readonly sourceName?: string;
  readonly output: NodeId;
  /** The name of the output: the last binding's name, or undefined for a bare expression. */
  readonly outputName?: string;
  /** Bindings in source order. */
  readonly bindings: readonly { readonly name: string; readonly node: NodeId }[];
  /** Free variables, in order of first appearance. */
  readonly variables: readonly string[];
  /** Names of the functions the program defines (`f(x) = …`). */
  readonly functions?: readonly string[];
  /** The source span where each node first appears. */
  readonly spans: ReadonlyMap<NodeId, Span>;
  /** Ambiguous forms and how they were read (`1/2x` as (1/2)·x), for the CLI to print on standard error. */
  readonly warnings?: readonly NotationWarning[];
  /** In a tensor program: each declared tensor's entries, as variables named row by row (W → W_1_1, W_1_2, …). */
  readonly tensors?: ReadonlyMap<string, readonly string[]>;
  /** In a tensor program: the program at the matrix level, which differentiates in matrix form. */
  readonly matrix?: MatrixProgram;
}

/** The variables that names stand for: a declared tensor's name stands for its entries (`--wrt W`), any other for itself. */
export function variablesNamed(program: Program, names: readonly string[]): string[] {
  return names.flatMap((name) => (program.variables.includes(name) ? [name] : (program.tensors?.get(name) ?? [name])));
}


/** Values of variables, by name. */
export type Point = Readonly<Record<string, number>>;
