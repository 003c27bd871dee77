// mathjs's own `derivative` as an independent oracle for chainrule's symbolic derivatives, on random scalar
// expressions written in the syntax both understand. mathjs is imported here only (never on chainrule's paths).
import fc from 'fast-check';
import { compile, derivative, type MathNode } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { type Point } from '../src/index.js';
import { differentiate, parse, Tape } from '../src/engines.js';
import { roundingScale } from './rounding.js';

const SEED = 31415;
const RUNS = 500;
/** Largest accepted error, relative to the larger value or to the rounding scale (see `roundingScale`). */
const TOLERANCE = 1e-9;

// ─── Expressions both parsers read the same way: every operation parenthesised, `*` always written ─────────────

type Tree =
  | { readonly kind: 'leaf'; readonly text: string }
  | { readonly kind: 'neg'; readonly arg: Tree }
  | { readonly kind: 'binary'; readonly op: '+' | '-' | '*' | '/' | '^'; readonly left: Tree; readonly right: Tree }
  | { readonly kind: 'call'; readonly name: string; readonly arg: Tree };

const FUNCTIONS = ['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'tanh', 'sinh', 'cosh', 'asin', 'acos', 'atan', 'abs'];

const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'tree', withCrossShrink: true },
    { weight: 4, arbitrary: fc.constantFrom('x', 'y', 'z').map((text): Tree => ({ kind: 'leaf', text })) },
    { weight: 2, arbitrary: fc.constantFrom('2', '3', '0.5', '1.5', '0.1', '10', 'pi', 'e').map((text): Tree => ({ kind: 'leaf', text })) },
    { weight: 1, arbitrary: tie('tree').map((arg): Tree => ({ kind: 'neg', arg })) },
    {
      weight: 5,
      arbitrary: fc.record({ kind: fc.constant('binary' as const), op: fc.constantFrom('+', '-', '*', '/', '^'), left: tie('tree'), right: tie('tree') }),
    },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('call' as const), name: fc.constantFrom(...FUNCTIONS), arg: tie('tree') }) },
  ),
})).tree;

function print(tree: Tree): string {
  switch (tree.kind) {
    case 'leaf':
      return tree.text;
    case 'neg':
      return `-(${print(tree.arg)})`;
    case 'binary':
      return `(${print(tree.left)}) ${tree.op} (${print(tree.right)})`;
    case 'call':
      return `${tree.name}(${print(tree.arg)})`;
  }
}

/** Coordinates from −10 to 10 in steps of 0.01, 0 included (where abs and sqrt have their kinks and ends). */
const coordinate = fc.integer({ min: -1000, max: 1000 }).map((n) => n / 100);
const pointArb = fc.record({ x: coordinate, y: coordinate, z: coordinate });

// ─── The scale of float64 rounding error, for values that are sums of terms that cancel ────────────────────────


const compiledFunctions = new Map<string, (t: number) => number>();

/** A mathjs function of one argument as a float64 function (NaN where mathjs's answer is complex). */
function mathjsFunction(name: string): (t: number) => number {
  let found = compiledFunctions.get(name);
  if (!found) {
    const code = compile(`${name}(t)`);
    found = (t) => {
      const result: unknown = code.evaluate({ t });
      return typeof result === 'number' ? result : Number.NaN;
    };
    compiledFunctions.set(name, found);
  }
  return found;
}

interface Rounded {
  readonly value: number;
  /** Bound on the absolute rounding error, in units of eps. */
  readonly error: number;
}

/** The same bound for a mathjs expression tree (its derivatives use sec, sech and others chainrule lacks). */
function treeRounding(node: MathNode, point: Point): Rounded {
  const any = node as unknown as { content: MathNode; value: unknown; name: string; fn: string | { name: string }; args: MathNode[] };
  switch (node.type) {
    case 'ParenthesisNode':
      return treeRounding(any.content, point);
    case 'ConstantNode': {
      const value = Number(any.value);
      return { value, error: Number.isInteger(value) ? 0 : Math.abs(value) };
    }
    case 'SymbolNode':
      if (any.name in point) return { value: point[any.name]!, error: 0 };
      return { value: any.name === 'pi' ? Math.PI : any.name === 'e' ? Math.E : Number.NaN, error: 1 };
    case 'OperatorNode': {
      const [a, b] = any.args.map((arg) => treeRounding(arg, point)) as [Rounded, Rounded | undefined];
      return operatorRounding(any.fn as string, a, b);
    }
    case 'FunctionNode': {
      const name = typeof any.fn === 'string' ? any.fn : any.fn.name;
      if (any.args.length !== 1) throw new Error(`no rounding rule for ${name} of ${any.args.length} arguments`);
      const u = treeRounding(any.args[0]!, point);
      const f = mathjsFunction(name);
      const value = f(u.value);
      const h = 1e-6 * Math.max(1, Math.abs(u.value));
      const local = (f(u.value + h) - f(u.value - h)) / (2 * h); // a bound needs no more accuracy than this
      return { value, error: Math.abs(value) + (u.error ? Math.abs(local) * u.error : 0) };
    }
    default:
      throw new Error(`no rounding rule for a mathjs ${node.type}`);
  }
}

function operatorRounding(fn: string, a: Rounded, b: Rounded | undefined): Rounded {
  const propagate = (value: number, ...terms: [number, number][]) => ({
    value,
    error: Math.abs(value) + terms.reduce((sum, [local, error]) => (error ? sum + Math.abs(local) * error : sum), 0),
  });
  switch (fn) {
    case 'unaryMinus':
      return { value: -a.value, error: a.error };
    case 'unaryPlus':
      return a;
    case 'add':
      return propagate(a.value + b!.value, [1, a.error], [1, b!.error]);
    case 'subtract':
      return propagate(a.value - b!.value, [1, a.error], [1, b!.error]);
    case 'multiply':
      return propagate(a.value * b!.value, [b!.value, a.error], [a.value, b!.error]);
    case 'divide':
      return propagate(a.value / b!.value, [1 / b!.value, a.error], [a.value / (b!.value * b!.value), b!.error]);
    case 'pow': {
      const value = Math.pow(a.value, b!.value);
      return propagate(value, [b!.value * Math.pow(a.value, b!.value - 1), a.error], [value * Math.log(Math.abs(a.value)), b!.error]);
    }
    default:
      throw new Error(`no rounding rule for the mathjs operator ${fn}`);
  }
}

/** Whether a value on the tape is beyond 1e±100, where squares and reciprocals over- or underflow. */
function nearRangeEnds(tape: Tape, values: Float64Array): boolean {
  return tape.order.some((id) => values[id] !== 0 && !(Math.abs(values[id]!) <= 1e100 && Math.abs(values[id]!) >= 1e-100));
}

/** Whether two values of one derivative agree to TOLERANCE, relative to the larger of them and of their rounding scales. */
function agree(chainrule: number, mathjs: number, roundingScales: readonly number[]): boolean {
  const scale = Math.max(Math.abs(chainrule), Math.abs(mathjs), ...roundingScales.filter(Number.isFinite));
  return Math.abs(chainrule - mathjs) <= TOLERANCE * scale;
}

// ─── The oracle ──────────────────────────────────────────────────────────────────────────────────────────────────

describe('oracle: mathjs derivative', () => {
  it('gives the same partial derivatives as chainrule wherever both are finite', () => {
    let compared = 0;
    fc.assert(
      fc.property(treeArb, fc.array(pointArb, { minLength: 4, maxLength: 4 }), (tree, points) => {
        const text = print(tree);
        const program = parse(text);
        const { graph, output } = program;
        const derivatives = differentiate(graph, output, ['x', 'y', 'z']);
        const functionTape = new Tape(graph, [output]);
        for (const variable of ['x', 'y', 'z']) {
          const node = derivatives.byVariable.get(variable)!;
          const symbolicTape = new Tape(graph, [node]);
          const oracle = derivative(text, variable, { simplify: false });
          const oracleCode = oracle.compile();
          for (const point of points) {
            const values = functionTape.forward(point);
            if (functionTape.firstProblem(values)) continue; // outside the expression's domain
            const symbolicValues = symbolicTape.forward(point);
            // near the ends of float64's range (tan of 1e241, e^−431) neither formula means anything
            if (nearRangeEnds(functionTape, values) || nearRangeEnds(symbolicTape, symbolicValues)) continue;
            const ours = symbolicValues[node]!;
            const theirs: unknown = oracleCode.evaluate({ ...point });
            if (!Number.isFinite(ours) || typeof theirs !== 'number' || !Number.isFinite(theirs)) continue;
            if (program.variables.includes(variable)) compared++; // the other partials are 0 both ways, but cheap to check
            const scales = [roundingScale(graph, node, point), treeRounding(oracle, point).error];
            expect(
              agree(ours, theirs, scales),
              `∂/∂${variable} of ${text} at ${JSON.stringify(point)}: chainrule ${ours}, mathjs ${theirs} (${oracle.toString()})`,
            ).toBe(true);
          }
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // the oracle is only worth something if most expressions are compared somewhere
    expect(compared).toBeGreaterThan(2 * RUNS);
  });
});
