// Helpers shared by the tests.
import { InputError } from '../src/index.js';
import { type Graph, type NodeId } from '../src/engines.js';

/** A node as an S-expression, e.g. (mul 2 x): shows exactly how the parser grouped the input. */
export function sexpr(graph: Graph, id: NodeId): string {
  const node = graph.node(id);
  if (node.op === 'const') return node.value!.toFraction();
  if (node.op === 'var') return node.name!;
  if (node.inputs.length === 0) return node.op;
  return `(${node.op} ${node.inputs.map((input) => sexpr(graph, input)).join(' ')})`;
}

/** The InputError a function throws (fails the test when it throws something else or nothing). */
export function inputErrorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError, but nothing was thrown');
}
