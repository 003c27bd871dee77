// Round trips of the printers: parse → print → parse gives the same graph (the same canonical form), for plain
// text and for LaTeX read back by the LaTeX front end; over random expressions and a table of tricky cases.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateExpression } from '../../src/bench/generate.js';
import { Graph, GraphBuilder, parse, printLatex, printText, type NodeId } from '../../src/engines.js';
import { parseLatexClaimLine } from '../../src/syntax/latex.js';

/**
 * The canonical form of a node: its op, value or name, and its inputs', written out (shared nodes repeated). With
 * `asLatex`, the two distinctions LaTeX does not keep are dropped: exp(u) is printed e^{u} (read back as a power of
 * e), and the name x2 is printed x_{2} (read back as x_2).
 */
function canonical(graph: Graph, root: NodeId, asLatex = false): string {
  const memo = new Map<NodeId, string>();
  const key = (id: NodeId): string => {
    let found = memo.get(id);
    if (found === undefined) {
      const node = graph.node(id) as { op: string; inputs: readonly NodeId[]; name?: string; value?: { toFraction(): string } };
      const name = asLatex ? node.name?.replace(/_/g, '') : node.name;
      const leaf = node.value ? `:${node.value.toFraction()}` : name ? `:${name}` : '';
      found = asLatex && node.op === 'exp' ? `pow(e(),${key(node.inputs[0]!)})` : `${node.op}${leaf}(${node.inputs.map(key).join(',')})`;
      memo.set(id, found);
    }
    return found;
  };
  return key(root);
}

const textForm = (source: string, asLatex = false) => {
  const program = parse(source);
  return canonical(program.graph, program.output, asLatex);
};

/** Reads LaTeX back through the LaTeX front end, as the expression of a claim line. */
const latexForm = (tex: string) => {
  const line = parseLatexClaimLine(`${tex} = 0`);
  if (line.kind !== 'claim' || line.head.kind !== 'expression') throw new Error(`not read as an expression: ${tex}`);
  const builder = new GraphBuilder(new Graph());
  return canonical(builder.graph, builder.expression(line.head.expr, { text: tex }), true);
};

const printed = (source: string) => {
  const program = parse(source);
  return { program, text: printText(program.graph, program.output, { mode: 'faithful' }), tex: printLatex(program.graph, program.output, { mode: 'faithful' }) };
};

const TRICKY = [
  'x^-1', 'x^(-2)', '2^-x', '(-x)^2', '-x^2', '-(x^2)', '- -x', '-(-x)', 'x - -y', 'x^-1^2', '(x^2)^3', '2^3^2', '(2^3)^2',
  '1/(x/y)', '(1/x)/y', '1/(1/(1/x))', '(x/y)/(z/w)', 'x/(y*z)', 'x/y*z', '1/2x', '1/(2x)', '2x', '2(x+1)', '(x+1)(x-1)', '3 sin(x)',
  'x y z', '2 x^2 y', '-2x', '-x*y', 'x*-y', 'e^-x^2', 'exp(-x)/(1 + exp(-x))', 'sqrt(x)^-1', 'log(x, 2)', 'sin(x)^2', 'x^(1/2)',
  '0.5*x', '1e-3 x', 'sigmoid(-x)', 'x^2/(2y)', '-1/x', '(-1)^x', 'x - (y - z)', 'x - y - z', 'x/(-y)', '-(x - y)/z',
  'sqrt(x + 1)',
];


describe('round trip: text', () => {
  it.each(TRICKY)('prints %s as text that parses back to the same graph', (source) => {
    const { text } = printed(source);
    expect(textForm(text), text).toBe(textForm(source));
  });

  it('holds for random expressions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 1_000_000 }), (operations, seed) => {
        const { text: source } = generateExpression(operations, seed, 3);
        const { text } = printed(source);
        expect(textForm(text), `${source} → ${text}`).toBe(textForm(source));
      }),
      { seed: 20261123, numRuns: 300 },
    );
  });
});

describe('round trip: LaTeX', () => {
  it.each(TRICKY)('prints %s as LaTeX that the LaTeX front end reads back to the same graph', (source) => {
    const { tex } = printed(source);
    expect(latexForm(tex), tex).toBe(textForm(source, true));
  });

  it('holds for random expressions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 1_000_000 }), (operations, seed) => {
        const { text: source } = generateExpression(operations, seed, 3);
        const { tex } = printed(source);
        expect(latexForm(tex), `${source} → ${tex}`).toBe(textForm(source, true));
      }),
      { seed: 20261123, numRuns: 300 },
    );
  });
});
