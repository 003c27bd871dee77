/** Times chainrule's stages on one expression: parse, forward, reverse-mode gradient, symbolic derivatives, finite differences. */
import { Graph } from '../graph/graph.js';
import { buildProgram, parse } from '../program.js';
import type { Program } from '../graph/program.js';
import { parseProgram, type ParseLimits } from '../syntax/parse.js';
import { differentiate } from '../symbolic/differentiate.js';
import { Tape, type Point } from '../numeric/tape.js';
import { backward } from '../numeric/reverse.js';
import { finiteDifference } from '../numeric/finite.js';
import { measure, roundMs, type Timing } from './measure.js';

/** How many samples each stage gets. */
export interface SampleCounts {
  readonly parse: number;
  readonly numeric: number;
  readonly symbolic: number;
  /** Untimed runs of each stage before its samples, so that the JIT has compiled the code. */
  readonly warmups: number;
}

/** chainrule's timings and sizes for one expression (median milliseconds). */
export interface ChainruleTimings {
  readonly nodes: number;
  readonly variables: number;
  readonly parse_ms: number;
  readonly forward_ms: number;
  readonly reverse_ms: number;
  readonly symbolic_ms: number;
  readonly fd_ms: number;
  readonly derivative_nodes: number;
  /** Largest relative difference between the reverse-mode gradient and the symbolic derivatives' values. */
  readonly symbolic_vs_reverse_max_relative_error: number;
  /** Largest relative difference between the reverse-mode gradient and the finite-difference estimates. */
  readonly fd_vs_reverse_max_relative_error: number;
  readonly samples: Readonly<Record<string, readonly number[]>>;
}

/** Limits that let the benchmark's large inputs through the parser. */
export function limitsFor(text: string): ParseLimits {
  return { maxLength: text.length, maxDepth: 100_000 };
}

/** Measures every chainrule stage on `text` at `point`. */
export function timeChainrule(text: string, point: Point, counts: SampleCounts): ChainruleTimings {
  const limits = limitsFor(text);
  const parsing = measure({ samples: counts.parse, warmups: 0, run: () => parse(text, { limits }) });
  const program = parse(text, { limits });
  const nodes = program.graph.size; // before the derivatives below add to the same graph
  const statements = parseProgram(text, limits);
  const freshProgram = (): Program => buildProgram(statements, text, { graph: new Graph() }); // same graph as parse(), without re-running the parser

  const tape = new Tape(program.graph, [program.output]); // built once, outside the timed region
  const forward = measure({ samples: counts.numeric, warmups: counts.warmups, run: () => tape.forward(point) });
  const reverse = measure({ samples: counts.numeric, warmups: counts.warmups, run: () => backward(tape, tape.forward(point), program.output) });
  const finite = measure({
    samples: counts.numeric,
    warmups: counts.warmups,
    run: () => program.variables.map((name) => finiteDifference(tape, point, program.output, name)),
  });
  const symbolic = measure({
    samples: counts.symbolic,
    warmups: counts.warmups,
    setup: freshProgram, // the Simplifier caches per graph, so each sample differentiates a fresh one
    run: (fresh: Program) => differentiate(fresh.graph, fresh.output),
  });

  const derivatives = differentiate(program.graph, program.output);
  const derivativeRoots = [...derivatives.byVariable.values()];
  const gradient = backward(tape, tape.forward(point), program.output).adjoint;
  const derivativeValues = new Tape(program.graph, derivativeRoots).forward(point);
  let symbolicError = 0;
  let finiteError = 0;
  for (const name of program.variables) {
    const reverseValue = gradient[program.graph.variable(name)]!;
    symbolicError = Math.max(symbolicError, relative(derivativeValues[derivatives.byVariable.get(name)!]!, reverseValue));
    const estimate = finiteDifference(tape, point, program.output, name);
    finiteError = Math.max(finiteError, 'estimate' in estimate ? relative(estimate.estimate.value, reverseValue) : Number.NaN);
  }

  const timings: Record<string, Timing> = { parse: parsing, forward, reverse, symbolic, fd: finite };
  return {
    nodes,
    variables: program.variables.length,
    parse_ms: roundMs(parsing.medianMs),
    forward_ms: roundMs(forward.medianMs),
    reverse_ms: roundMs(reverse.medianMs),
    symbolic_ms: roundMs(symbolic.medianMs),
    fd_ms: roundMs(finite.medianMs),
    derivative_nodes: program.graph.ancestors(derivativeRoots).length,
    symbolic_vs_reverse_max_relative_error: symbolicError,
    fd_vs_reverse_max_relative_error: finiteError,
    samples: Object.fromEntries(Object.entries(timings).map(([stage, timing]) => [`${stage}_ms`, timing.samplesMs.map(roundMs)])),
  };
}

/** |a − b| / max(|a|, |b|, 1e-300). */
function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
}
