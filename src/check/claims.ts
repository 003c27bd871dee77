/**
 * `chainrule check`: claims and derivations, line by line. A claim is a derivative (`d/dx (…) = …`,
 * `df/dx at x=3 = 12`), a value (`sigmoid(5.7) = 0.9966`) or an identity; lines that begin with `=` continue
 * a derivation, each step checked against the one before. The first wrong step decides the verdict. A session
 * reads (claim-reader.ts), binds definitions into its scope (claim-scope.ts) and judges claims (claim-judge.ts).
 */
import type { Source } from '../build/shared.js';
import type { ClaimHead } from '../syntax/claim.js';
import type { NotationWarning } from '../syntax/reading.js';
import { answerOf, type Answer } from './answer.js';
import { linesOf, parseClaimLines } from '../syntax/claim-lines.js';
import { judgeClaim } from './claim-judge.js';
import { ClaimReader, type ReadOptions } from './claim-reader.js';
import { ClaimScope } from './claim-scope.js';
import { CLAIM_LIMITS, type CheckOptions, type ClaimResult, type ClaimsReport, type LineError, type Verdict } from './results.js';
import { checkAtSizes } from './tensor-claims.js';
import { atSizes } from './at-sizes.js';

export type { ReadOptions };

/** Checks every claim of a claims text (a text whose lines declare shapes, `W: 4x3`, is a matrix claims file). */
export function checkClaims(text: string, options: CheckOptions = {}): ClaimsReport {
  const { claims, errors, warnings } = declaresShapes(text, options)
    ? checkAtSizes(text, { ...options, limits: options.limits ?? CLAIM_LIMITS })
    : atSizes(sumBounds(text), (sizes) => new ClaimSession({ ...options, ...(sizes ? { sizes } : {}) }).read(text, 1, options.document ? { rebinds: true } : { unusedDefinitionsAreIdentities: true }));
  const count = (verdict: Verdict) => claims.filter((claim) => claim.verdict === verdict).length;
  return { claims, summary: { correct: count('correct'), incorrect: count('incorrect'), undetermined: count('undetermined') }, errors, warnings };
}

/** Names left free as the upper bound of a sum (N in `sum(i, 1, N, …)` or `\\sum_{i=1}^{N}`, with no line `N = …`). */
function sumBounds(text: string): string[] {
  const found = [...text.matchAll(/\bsum\s*\(\s*[A-Za-z]\w*\s*,\s*[^,()]+,\s*([A-Za-z]\w*)\s*,/g), ...text.matchAll(/\\sum_\{?\s*[A-Za-z]\w*\s*=\s*[^}]*\}?\s*\^\s*\{?\s*([A-Za-z]\w*)/g)].map((match) => match[1]!);
  return [...new Set(found)].filter((name) => !new RegExp(`^\\s*${name}\\s*=`, 'm').test(text));
}

/** Whether a line of the text is a shape declaration, as the claims grammar reads it, or in LaTeX (\in \mathbb{R}^{…}). */
function declaresShapes(text: string, options: CheckOptions): boolean {
  if (/\\in\s*\\mathbb\s*\{?\s*R\s*\}?\s*\^/.test(text)) return true; // \mathbf{W} \in \mathbb{R}^{4 \times 3}
  const parsed = parseClaimLines(linesOf(text), 1, options.limits ?? CLAIM_LIMITS, options.sourceName);
  return parsed.some((line) => line !== undefined && 'syntax' in line && line.syntax.kind === 'declaration');
}

/** Claims read one text after another, sharing bindings (a problem's givens, then a student's answers). */
export class ClaimSession {
  private readonly scope: ClaimScope;
  private readonly reader: ClaimReader;

  constructor(options: CheckOptions = {}) {
    this.scope = new ClaimScope(options);
    this.reader = new ClaimReader(this.scope);
  }

  /** Reads lines of text (bindings, claims, continuation lines) and checks each claim; `firstLine` numbers the first line. */
  read(text: string, firstLine = 1, options: ReadOptions = {}): { claims: ClaimResult[]; errors: LineError[]; warnings: NotationWarning[] } {
    const claims: ClaimResult[] = [];
    const errors: LineError[] = [];
    const warnings: NotationWarning[] = [];
    for (const item of this.reader.items(text, firstLine, options, warnings)) {
      if (item.kind === 'claim') claims.push(judgeClaim(this.scope, item.group));
      else if (item.kind === 'definition') this.scope.define(item.line, item.defined, item.expr, errors);
      else errors.push({ line: item.line, error: item.error });
    }
    return { claims, errors: errors.sort((a, b) => a.line - b.line), warnings };
  }

  /** The computed answer to what a claim head asks, with the cross-checks that prove a derivative. */
  answer(head: ClaimHead, source: Source): Answer {
    const target = this.scope.targets.resolve(head, source);
    return answerOf(target, this.scope.builder, this.scope.algebra, this.scope.bindingNames(target.derivativeOf, target.derivativeOf?.fn ?? target.expected));
  }

  /** The target key of a claim head read in this session (to match answers to what a problem asks). */
  targetOf(head: ClaimHead, source: Source): string {
    return this.scope.targets.resolve(head, source).key;
  }
}
