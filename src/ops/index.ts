/** The registry of every op; an op without a record is an error that names it. */
import { ACTIVATIONS } from './activations.js';
import { ARITHMETIC } from './arith.js';
import { ELEMENTARY } from './elementary.js';
import { LEAVES } from './leaves.js';
import { PIECEWISE } from './piecewise.js';
import { POWERS } from './powers.js';
import { SPECIAL } from './special.js';
import { TRIGONOMETRIC } from './trig.js';
import type { OpDef } from './types.js';

/** Every op, in one list. */
export const OPS: readonly OpDef[] = [...LEAVES, ...ARITHMETIC, ...ELEMENTARY, ...TRIGONOMETRIC, ...POWERS, ...ACTIVATIONS, ...PIECEWISE, ...SPECIAL];

const byName = new Map(OPS.map((op) => [op.name, op]));

const byCallName = new Map<string, OpDef>();
for (const op of OPS) {
  if (op.kind === 'leaf') continue;
  // an operator is callable only by its aliases (`pow(a, b)` for a ^ b)
  for (const name of [...(op.kind === 'function' ? [op.name] : []), ...(op.aliases ?? [])]) byCallName.set(name, op);
}

/** The record of an op; throws naming the op when it has none. */
export function opNamed(name: string): OpDef {
  const op = byName.get(name);
  if (!op) throw new Error(`internal error: the op "${name}" has no record in src/ops`);
  return op;
}

/** The function a user calls by this name (`ln` gives log), if any. */
export function functionNamed(name: string): OpDef | undefined {
  return byCallName.get(name);
}

/** Every name a user can call, sorted. */
export function functionNames(): string[] {
  return [...byCallName.keys()].sort();
}

export type { Algebra, OpDef } from './types.js';
