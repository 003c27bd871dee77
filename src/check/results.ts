/** What checking claims gives: a verdict per claim, the lines that could not be read, and the options it takes. */
import type { InputError } from '../errors.js';
import type { Point } from '../graph/program.js';
import type { ParseLimits } from '../syntax/parse.js';
import type { NotationWarning } from '../syntax/reading.js';
import type { MistakeKind } from './mistakes.js';
import type { Tolerance } from './precision.js';

/** The three verdicts. */
export type Verdict = 'correct' | 'incorrect' | 'undetermined';

/** The verdict on one claim (a derivation counts as one claim). */
export interface ClaimResult {
  /** The line that decided the verdict: the first wrong step, or the claim's first line. */
  readonly line: number;
  /** The claim's first line. */
  readonly startLine: number;
  /** The text of `line`. */
  readonly claim: string;
  readonly kind: 'derivative' | 'value' | 'identity';
  readonly verdict: Verdict;
  /** Which step (1 = the first right-hand side) decided an incorrect verdict. */
  readonly step?: number;
  /** What the wrong step should have been (the derivative, the value, or the line before). */
  readonly expected?: string;
  /** The same in LaTeX, for expressions. */
  readonly expectedLatex?: string;
  /** Where the claim is wrong; for a matrix claim, `entry` names the entry (W_2_3) the values are of. */
  readonly counterexample?: {
    readonly point: Point;
    readonly claimed: number;
    readonly correct: number;
    readonly entry?: string;
    /** The forward values of the bound names the claim is built from, at the point (a = 0.5622 for a = sigmoid(z)). */
    readonly bindings?: Readonly<Record<string, number>>;
  };
  readonly diagnosis?: string;
  readonly diagnosisKind?: MistakeKind;
  /** Why a claim is undetermined, or how a number was judged. */
  readonly reason?: string;
  /** Conventions that apply (derivatives at kinks). */
  readonly notes?: readonly string[];
  /** What the claim is about (see Target.key); absent when its head could not be read. */
  readonly target?: string;
  /**
   * The derivatives its final answer still writes (`dL/da`, `sigmoid'(z)`, `g` for g = dL/dz): a true statement, but
   * not an answer worked out, which grading does not count.
   */
  readonly unworked?: readonly string[];
}

/** A line that could not be read. */
export interface LineError {
  readonly line: number;
  readonly error: InputError;
}

/** Everything `check` found in a claims text. */
export interface ClaimsReport {
  readonly claims: readonly ClaimResult[];
  readonly summary: { readonly correct: number; readonly incorrect: number; readonly undetermined: number };
  readonly errors: readonly LineError[];
  /** Ambiguous forms and how they were read (`-x^2` as −(x²)); they never change a verdict. */
  readonly warnings: readonly NotationWarning[];
}

/** Options for checking claims. */
export interface CheckOptions {
  /** Replace the precision rule for numbers by explicit tolerances. */
  readonly tolerance?: Tolerance;
  /** Bounds on each line (length and nesting depth). */
  readonly limits?: ParseLimits;
  readonly sourceName?: string;
  readonly seed?: number;
  /** Called as each claim starts, with its first line (a worker reports it, so that a claim it had to stop is known). */
  readonly onClaim?: (line: number) => void;
  /** The text is a homework document's math: a definition stays a definition, used or not, and may give a name a new value. */
  readonly document?: boolean;
  /** Numbers for sizes left symbolic (n in W: n x m, N in sum(i, 1, N, …)) at the size being checked. */
  readonly sizes?: ReadonlyMap<string, number>;
  /** Claims not to check, by first line, with the reason (a claim stopped by the guard on an earlier try). */
  readonly stopped?: ReadonlyMap<number, string>;
}

/** Default bounds on a line of untrusted input. */
export const CLAIM_LIMITS: ParseLimits = { maxLength: 5_000, maxDepth: 200 };
