/** Verifying symbolic derivatives: a cross-check at random points of the domain. */
import type { Program } from '../graph/program.js';
import type { Derivatives } from '../symbolic/differentiate.js';
import { Tape } from '../numeric/tape.js';
import { crossCheck, kinkConventions, type CrossCheck, type Tolerances } from './crosscheck.js';
import { samplePoints } from './sample.js';

/** The outcome of cross-checking derivatives at sampled points. */
export interface Verification {
  readonly checks: readonly CrossCheck[];
  /** Every check agreed and at least one point was checked. */
  readonly agree: boolean;
  /** Why fewer points than asked for were checked. */
  readonly shortfall?: string;
  /** Kink conventions used by ops in the expression. */
  readonly kinkNotes: readonly string[];
}

/** Options for verification. */
export interface VerifyOptions {
  readonly points?: number;
  readonly seed?: number;
  readonly tolerances?: Partial<Tolerances>;
}

/** Cross-checks the derivatives at random points of the program's domain. */
export function verifyDerivatives(program: Program, derivatives: Derivatives, options: VerifyOptions = {}): Verification {
  const variables = [...derivatives.byVariable.keys()];
  const sample = samplePoints(program, options.points ?? 5, [...derivatives.byVariable.values()], options.seed ?? 1);
  const checks = sample.points.map((point) => crossCheck(program, point, { variables, derivatives, tolerances: options.tolerances }));
  return {
    checks,
    agree: checks.length > 0 && checks.every((check) => check.agree),
    shortfall: sample.shortfall,
    kinkNotes: kinkConventions(new Tape(program.graph, [program.output])),
  };
}
