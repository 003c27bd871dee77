/** Leaves of the graph: exact constants, variables, and the constants π and e (a const's or var's value comes from its node). */
import { exp, pi } from './decimal/index.js';
import { leaf } from './define.js';
import type { OpDef } from './types.js';

const fromNode = (what: string) => (): number => {
  throw new Error(`internal error: the value of a ${what} node comes from the node, not the op`);
};

/** Leaf ops, keyed by name. */
export const LEAVES: readonly OpDef[] = [
  leaf('const', 'an exact rational number', fromNode('const')),
  leaf('var', 'an input variable', fromNode('var')),
  leaf('pi', 'the constant π', () => Math.PI, '\\pi', pi),
  leaf('e', "Euler's number e", () => Math.E, 'e', (D) => exp(new D(1), D)),
];
