/** What `chainrule diff` computes: symbolic derivatives, verified at random points. */
import { variablesNamed, type Program } from '../graph/program.js';
import { differentiate, type Derivatives } from '../symbolic/differentiate.js';
import type { Tolerances } from './crosscheck.js';
import { verifyDerivatives, type Verification } from './verify.js';

/** Symbolic derivatives of a program and the cross-check that proves them. */
export interface DiffResult {
  readonly program: Program;
  readonly derivatives: Derivatives;
  readonly verification: Verification;
  /** Variables asked for that the output does not depend on. */
  readonly absent: readonly string[];
}

/** Options for diff. */
export interface DiffOptions {
  /** Variables to differentiate by (default: every free variable). */
  readonly wrt?: readonly string[];
  /** How many random points to cross-check at (default 5). */
  readonly points?: number;
  readonly seed?: number;
  readonly tolerances?: Partial<Tolerances>;
}

/** Differentiates the program's output symbolically and cross-checks the result at random points. */
export function diff(program: Program, options: DiffOptions = {}): DiffResult {
  const wrt = options.wrt ? variablesNamed(program, options.wrt) : program.variables; // --wrt W: every entry of a declared W
  const derivatives = differentiate(program.graph, program.output, wrt);
  const verification = verifyDerivatives(program, derivatives, options);
  return { program, derivatives, verification, absent: wrt.filter((name) => !program.variables.includes(name)) };
}
