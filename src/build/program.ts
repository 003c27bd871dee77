/** Text to a program: statements read, then built into the graph, scalar or (with declared shapes) tensor. */
import { functionNamed, functionNames } from '../ops/index.js';
import { parseProgram, type ParseLimits, DEFAULT_LIMITS } from '../syntax/parse.js';
import type { ProgramStatement, Statement } from '../syntax/tree.js';
import { applyBareFunctions, type NotationWarning } from '../syntax/reading.js';
import { notationWarnings } from '../syntax/ambiguity.js';
import type { DeclaredShape } from '../tensor/dims.js';
import { Graph, type NodeId } from '../graph/graph.js';
import type { Program } from '../graph/program.js';
import { applyDefinedFunctions } from './applied.js';
import { GraphBuilder, type DerivativeOf } from './scalar.js';
import { inputError, type Source } from './shared.js';
import { lowerTensorProgram } from './tensor.js';

/** How a text is built: bounds on its lines, its name in messages, declared shapes, and f'(x)'s differentiator. */
export interface BuildOptions {
  readonly limits?: ParseLimits;
  readonly sourceName?: string;
  /** Declarations given outside the program (--dims): with any, it is a tensor program. */
  readonly dims?: readonly DeclaredShape[];
  /** Values of named sizes (`--dims X=3xB,B=8`). */
  readonly sizes?: ReadonlyMap<string, number>;
  readonly derivativeOf?: DerivativeOf;
}

/**
 * Parses source text into a program; `sourceName` (a file name) is used in messages. A program with shape
 * declarations (or `dims`, as given by --dims) is a tensor program, lowered to the same scalar graph.
 */
export function parse(source: string, options: BuildOptions = {}): Program {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const { statements, warnings } = readProgram(source, options);
  const maxDepth = Math.max(1000, 2 * limits.maxDepth);
  if (options.dims?.length) return { ...lowerTensorProgram(statements, source, { sourceName: options.sourceName, dims: options.dims, sizes: options.sizes, maxDepth }).program, warnings };
  return { ...buildProgram(statements, source, { graph: new Graph(), sourceName: options.sourceName, maxDepth, derivativeOf: options.derivativeOf }), warnings };
}

/**
 * Reads source text into statements, with functions written without parentheses applied (`sin x^2` = sin(x²)) and
 * a warning for each ambiguous form, naming how it was read.
 */
export function readProgram(source: string, options: { limits?: ParseLimits; sourceName?: string } = {}): { statements: ProgramStatement[]; warnings: NotationWarning[] } {
  const warnings: NotationWarning[] = [];
  const parsed = parseProgram(source, options.limits ?? DEFAULT_LIMITS, options.sourceName);
  const bare = applyBareFunctions(parsed, source, (name) => functionNamed(name) !== undefined, warnings, options.sourceName);
  const statements = applyDefinedFunctions(bare, source);
  const bound = new Set(statements.flatMap((statement) => (statement.kind === 'expr' ? [] : [statement.name, ...(statement.kind === 'bind' ? (statement.parameters ?? []) : [])])));
  warnings.push(...notationWarnings(statements, source, { functions: functionNames(), isBound: (name) => bound.has(name) }));
  warnings.sort((a, b) => a.span.offset - b.span.offset);
  return { statements, warnings };
}

/** Builds the graph of a parsed program (into `graph` when given); one with declarations is lowered as a tensor program. */
export function buildProgram(
  all: readonly ProgramStatement[],
  text: string,
  { graph = new Graph(), sourceName, maxDepth = 1000, derivativeOf }: { graph?: Graph; sourceName?: string; maxDepth?: number; derivativeOf?: DerivativeOf } = {},
): Program {
  if (all.some((statement) => statement.kind === 'declare')) return lowerTensorProgram(all, text, { graph, sourceName, maxDepth }).program;
  const statements = all as readonly Statement[];
  const source: Source = { text, name: sourceName };
  const builder = new GraphBuilder(graph, { derivativeOf });
  builder.maxDepth = maxDepth;
  for (const statement of statements) if (statement.kind === 'bind') builder.defineLater(statement.name, statement.nameSpan);
  const bindings: { name: string; node: NodeId }[] = [];
  const parameters = new Set<string>();
  const functions: string[] = [];
  let output: NodeId | undefined;
  statements.forEach((statement, i) => {
    const last = i === statements.length - 1;
    const node = builder.expression(statement.expr, source);
    if (statement.kind === 'bind') {
      builder.bind(statement.name, statement.nameSpan, node, source);
      if (statement.parameters) {
        builder.defineFunction(statement.name, statement.parameters);
        functions.push(statement.name);
        statement.parameters.forEach((parameter) => parameters.add(parameter));
      } else bindings.push({ name: statement.name, node }); // a function is not a value of the program

    } else if (!last) {
      throw inputError('syntax', 'only the last line may be an expression without a name', source, statement.expr.span, 'give it a name (q = …) or remove it');
    }
    if (last) output = node;
  });
  const lastStatement = statements[statements.length - 1]!;
  return {
    graph,
    source: text,
    sourceName,
    output: output!,
    outputName: lastStatement.kind === 'bind' ? lastStatement.name : undefined,
    bindings,
    variables: withoutUnusedParameters(builder.variables, parameters, graph, output!),
    functions,
    spans: builder.spans,
  };
}

/** The variables of a program, less the parameters of its functions that the output does not depend on. */
function withoutUnusedParameters(variables: readonly string[], parameters: ReadonlySet<string>, graph: Graph, output: NodeId): string[] {
  if (parameters.size === 0) return [...variables];
  const used = new Set(graph.ancestors([output]).flatMap((id) => (graph.node(id).op === 'var' ? [graph.node(id).name!] : [])));
  return variables.filter((name) => !parameters.has(name) || used.has(name));
}

