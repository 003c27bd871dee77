/** The shapes of a problem file's contents: problems, their parts and what each part asks (shared by the readers). */
import type { ClaimHead } from '../syntax/claim.js';
import type { Expr } from '../syntax/tree.js';
import type { Point } from '../numeric/tape.js';

/** A line of a problem file, as written, with its number. */
export interface SourceLine {
  readonly line: number;
  readonly raw: string;
}

/** One thing a part asks for. */
export interface Ask extends SourceLine {
  readonly head: ClaimHead;
  /** The instructor's answer, when the file gives one. */
  readonly answer?: readonly Expr[];
  /** The number a source printed for it (`(printed 0.305)`), as written. */
  readonly printed?: string;
  /** What is asked, as written, without the answer (`df/dx`, `f at x=2`). */
  readonly text: string;
  /** Its share of the part's points. */
  readonly weight: number;
  /** An ask of a matrix problem: ∂of/∂wrt in matrix form (or its shape), and the instructor's answer as written. */
  readonly matrix?: { readonly of: string; readonly wrt: string; readonly shape: boolean; readonly answer?: string; readonly value?: boolean };
}

/** A part of a problem: its points and what it asks. */
export interface Part extends SourceLine {
  readonly id: string;
  readonly points: number;
  readonly asks: readonly Ask[];
}

/** A problem: givens (bindings) and parts. */
export interface Problem extends SourceLine {
  readonly id: string;
  readonly title?: string;
  /** Where the problem comes from (`source "seed 000"`), kept out of its title. */
  readonly source?: string;
  readonly givens: readonly SourceLine[];
  readonly parts: readonly Part[];
  /** The `at` line: the point a worked solution traces the problem at. */
  readonly point?: Point;
  /** A matrix problem (it declares shapes): its givens are a tensor program, and `at` gives matrices (as written). */
  readonly matrix?: { readonly point?: string };
}
