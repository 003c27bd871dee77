// Types of test/fuzz/arbitraries.mjs (plain JavaScript, shared by the vitest suite and the long-run script).
import type { Arbitrary } from 'fast-check';

export declare const PLAIN_TOKENS: readonly string[];
export declare const LATEX_TOKENS: readonly string[];
export declare const UNICODE_TOKENS: readonly string[];
export declare const PROBLEM_TOKENS: readonly string[];
export declare const ALL_TOKENS: readonly string[];
export declare const EXPRESSION_TOKENS: readonly string[];
export declare const CLAIM_LINES: readonly string[];
export declare const MATRIX_LINES: readonly string[];
export declare const PROBLEM_LINES: readonly string[];
/** Valid problems, each with answers a student could hand in. */
export declare const PROBLEMS: readonly { readonly lines: readonly string[]; readonly answers: readonly string[] }[];
export declare const SUBMISSION_LINES: readonly string[];
export declare const EXPRESSION_LINES: readonly string[];

/** How large generated inputs get. */
export interface Sizes {
  /** Deepest nesting of parentheses, bars, braces, powers, signs and calls. */
  readonly maxDepth: number;
  /** Most repetitions of one token in a line. */
  readonly maxRepeat: number;
  /** Most lines in a text. */
  readonly maxLines: number;
}
export declare const CI_SIZES: Sizes;

export declare function tokenize(line: string): string[];
export declare function tokenLine(tokens: readonly string[], maxTokens?: number): Arbitrary<string>;
export declare const numberText: Arbitrary<string>;
export declare function mutate(line: string, mutations: readonly { op: string; at: number; span: number; token: string; number: string }[]): string;
export declare function mutatedLine(lines: readonly string[]): Arbitrary<string>;
export declare function nested(maxDepth: number): Arbitrary<string>;
export declare function repeated(maxRepeat: number): Arbitrary<string>;
export declare function claimLine(sizes?: Sizes): Arbitrary<string>;
export declare function textOf(line: Arbitrary<string>, maxLines: number): Arbitrary<string>;
export declare function claimsText(sizes?: Sizes): Arbitrary<string>;
export declare function problemAndSubmission(sizes?: Sizes): Arbitrary<[problems: string, submission: string]>;
export declare function problemText(sizes?: Sizes): Arbitrary<string>;
export declare function submissionText(sizes?: Sizes): Arbitrary<string>;
export declare function expressionText(sizes?: Sizes): Arbitrary<string>;
