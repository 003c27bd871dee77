/**
 * Programs from text, as every command reads them: the front end (src/build) with the symbolic differentiator given
 * to it for f'(x), the one place that knows both (the front end never imports an engine).
 */
import { buildProgram as buildWith, parse as parseWith, type BuildOptions } from './build/program.js';
import type { DerivativeOf } from './build/scalar.js';
import type { Graph } from './graph/graph.js';
import type { Program } from './graph/program.js';
import { differentiate } from './symbolic/differentiate.js';
import type { ProgramStatement } from './syntax/tree.js';

/** d body/d variable, by the symbolic differentiator: how the builder takes f'(x). */
export const derivativeOf: DerivativeOf = (graph, body, variable) => differentiate(graph, body, [variable]).byVariable.get(variable)!;

/** Parses source text into a program (see src/build/program.ts); `sourceName` (a file name) is used in messages. */
export function parse(source: string, options: Omit<BuildOptions, 'derivativeOf'> = {}): Program {
  return parseWith(source, { ...options, derivativeOf });
}

/** Builds parsed statements into a program (into `graph` when given). */
export function buildProgram(statements: readonly ProgramStatement[], text: string, options: { graph?: Graph; sourceName?: string; maxDepth?: number } = {}): Program {
  return buildWith(statements, text, { ...options, derivativeOf });
}
