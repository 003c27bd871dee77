/** The step-by-step derivation shown for a derivative ask of a worked solution, read from the differentiator's record. */
import { InputError } from '../errors.js';
import { parse } from '../program.js';
import type { Program } from '../graph/program.js';
import { substitute } from '../graph/substitute.js';
import { stepsBlocks } from './step-lines.js';
import { differentiate } from '../symbolic/differentiate.js';
import type { Block } from './document.js';
import type { AskSolution, ProblemSolution } from './solve.js';
import { derivationSteps } from './steps.js';

/** Steps for a derivative ask of a worked solution (its function is a given's name or an expression). */
export function stepsForSolution(solution: ProblemSolution, ask: AskSolution): Block[] {
  const head = ask.ask.head;
  if (head.kind !== 'derivative') return [];
  const variable = head.variable ?? (head.argument?.kind === 'name' ? head.argument.name : undefined);
  if (variable === undefined) return [];
  let program: Program;
  if (head.of.kind === 'name') {
    const name = head.of.name;
    const binding = [...solution.program.bindings].reverse().find((candidate) => candidate.name === name);
    if (!binding) return [];
    program = { ...solution.program, output: binding.node, outputName: name };
  } else {
    const taken = new Set([...solution.program.variables, ...solution.program.bindings.map((binding) => binding.name)]);
    const name = ['f', 'g', 'h', 'F', 'G'].find((candidate) => !taken.has(candidate));
    if (name === undefined) return [];
    const written = ask.ask.raw.slice(head.of.expr.span.offset, head.of.expr.span.end);
    try {
      program = parse(`${solution.program.source}\n${name} = ${written}`);
    } catch (error) {
      if (error instanceof InputError) return [];
      throw error;
    }
  }
  const intermediate = [...program.bindings].reverse().find((binding) => binding.name === variable);
  if (intermediate) {
    // ∂f/∂q by an intermediate q: differentiate f with q cut loose as a variable, as the checker does
    const { graph } = program;
    const output = substitute(graph, program.output, intermediate.node, graph.intern('var', [], { name: variable }));
    program = { ...program, output, bindings: program.bindings.filter((binding) => binding.name !== variable), variables: [...program.variables, variable] };
  }
  const derivatives = differentiate(program.graph, program.output, [variable]);
  return stepsBlocks([derivationSteps(program, derivatives, variable)]);
}
